package io.leadflow.intake;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@LeadflowIntegrationTest
class LeadIntakeIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService history;

  @Test
  void shouldStoreAPostedLeadNormalisedAndStartItsLifecycle() {
    // when marketing ops posts a lead
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads", Map.of(
        "email", "  Ada.Lovelace@Example.COM ", "firstName", "Ada", "lastName", "Lovelace",
        "company", "Analytical Engines", "jobTitle", "CTO", "phone", "+44 20 7946 0958", "country", "gb",
        "sourceChannel", "web-form", "campaign", "engines-webinar"), JsonNode.class);

    // then it is stored, normalised, and its lifecycle runs under its id, recorded as marketing ops' capture
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String leadId = created.getBody().get("id").asText();
    assertThat(created.getHeaders().getLocation()).hasPath("/api/leads/" + leadId);
    assertThat(jdbc.queryForMap("select email, country, company_domain from leadflow.lead where id = ?::uuid", leadId))
        .containsEntry("email", "ada.lovelace@example.com")
        .containsEntry("country", "GB")
        .containsEntry("company_domain", "example.com");
    assertThat(jdbc.queryForList("select from_stage, to_stage, changed_by from leadflow.lead_stage_change "
        + "where lead_id = ?::uuid order by changed_at, id", leadId).get(0))
        .containsEntry("to_stage", "INQUIRY").containsEntry("changed_by", MARKETING_OPS);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId)
        .processDefinitionKey("LeadLifecycle").count()).isOne();
  }

  @Test
  void shouldRejectAnInvalidLeadNamingEveryBadFieldAndStoreNothing() {
    ResponseEntity<JsonNode> response = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        Map.of("email", "not-an-email", "firstName", " ", "company", "Acme", "country", "Germany",
            "sourceChannel", "web-form"), JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("errors").findValuesAsText("field"))
        .containsExactly("country", "email", "firstName", "lastName");
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead where email = 'not-an-email'", Long.class))
        .isZero();
  }

  @Test
  void shouldNameTheFieldWhenAValueHasTheWrongType() {
    ResponseEntity<JsonNode> response = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        Map.of("email", "x@example.com", "firstName", List.of("a"), "lastName", "B"), JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("errors").get(0).get("field").asText()).isEqualTo("firstName");
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownLead() {
    ResponseEntity<JsonNode> response = rest.withBasicAuth(REP_EMEA, PASSWORD)
        .getForEntity("/api/leads/{id}", JsonNode.class, "6b0c2f0e-0000-4000-8000-000000000000");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

}
