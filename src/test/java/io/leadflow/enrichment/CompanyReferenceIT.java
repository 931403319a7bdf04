package io.leadflow.enrichment;

import static io.leadflow.DemoUsers.ADMIN;
import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The admin loads the enrichment's company reference over HTTP; only admins may, and a bad file names its lines. */
@LeadflowIntegrationTest
class CompanyReferenceIT {

  @Autowired TestRestTemplate rest;

  @Test
  void shouldLetAnAdminLoadCompaniesAndReadThemBack() {
    ResponseEntity<JsonNode> loaded = put(ADMIN, """
        domain,name,industry,companySize
        Nordwind.example,Nordwind Logistik,MANUFACTURING,1200
        """);

    assertThat(loaded.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(loaded.getBody().get("loaded").asInt()).isEqualTo(1);
    JsonNode company = rest.withBasicAuth(ADMIN, PASSWORD)
        .getForObject("/api/admin/companies/{domain}", JsonNode.class, "nordwind.example");
    assertThat(company.get("industry").asText()).isEqualTo("MANUFACTURING");
    assertThat(company.get("companySize").asInt()).isEqualTo(1200);
  }

  @Test
  void shouldRefuseABadFileNamingEveryBadLineAndStoreNothing() {
    ResponseEntity<JsonNode> refused = put(ADMIN, """
        domain,name,industry,companySize
        kept-out.example,Kept Out,SOFTWARE,10
        bad domain,Bad,SOFTWARE,ten
        """);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getBody().toString()).contains("line 3: domain", "line 3: companySize");
    assertThat(rest.withBasicAuth(ADMIN, PASSWORD).getForEntity("/api/admin/companies/{domain}", JsonNode.class,
        "kept-out.example").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldKeepTheReferenceToAdmins() {
    assertThat(put(MARKETING_OPS, "domain,name,industry,companySize\n").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  private ResponseEntity<JsonNode> put(String user, String csv) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("text/csv"));
    return rest.withBasicAuth(user, PASSWORD).exchange("/api/admin/companies", HttpMethod.PUT,
        new HttpEntity<>(csv, headers), JsonNode.class);
  }
}
