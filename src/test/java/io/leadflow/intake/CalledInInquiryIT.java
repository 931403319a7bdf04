package io.leadflow.intake;

import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Marketing ops log a called-in inquiry through the start form in Tasklist (the same engine REST call Tasklist makes). */
@LeadflowIntegrationTest
class CalledInInquiryIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldCaptureACallerFromTheStartFormAsACleanLead() {
    ResponseEntity<JsonNode> started = submit(Map.of("firstName", "Katherine", "lastName", "Johnson",
        "company", "Orbital Mechanics", "phone", "(757) 555-0143", "country", "United States",
        "requestType", "DEMO", "companySize", 250, "marketingConsent", true, "note", "Called about the demo"));

    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Object> lead = jdbc.queryForMap("select l.id, l.phone, l.country, l.source_channel, i.request_type, "
        + "i.captured_by from leadflow.lead l join leadflow.inquiry i on i.lead_id = l.id "
        + "where l.company = 'Orbital Mechanics'");
    assertThat(lead).containsEntry("phone", "+17575550143").containsEntry("country", "US")
        .containsEntry("source_channel", "inbound-call").containsEntry("request_type", "DEMO")
        .containsEntry("captured_by", MARKETING_OPS);
    assertThat(jdbc.queryForObject("select count(*) from act_ru_execution where business_key_ = ? "
        + "and proc_def_id_ like 'LeadLifecycle:%'", Long.class, lead.get("id").toString())).isPositive();
  }

  @Test
  void shouldRefuseTheFormNamingEachBadFieldAndStoreNothing() {
    long leads = jdbc.queryForObject("select count(*) from leadflow.lead", Long.class);

    ResponseEntity<JsonNode> refused = submit(Map.of("firstName", "Nobody", "lastName", "Known",
        "company", "Nowhere Ltd", "phone", "12", "country", "Atlantis", "requestType", "INQUIRY"));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").asText()).contains("Please correct: country");

    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead", Long.class)).isEqualTo(leads);
  }

  private ResponseEntity<JsonNode> submit(Map<String, Object> fields) {
    Map<String, Object> variables = new LinkedHashMap<>();
    fields.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity(
        "/engine-rest/process-definition/key/{key}/submit-form", Map.of("variables", variables), JsonNode.class,
        CaptureCallerListener.PROCESS_KEY);
  }
}
