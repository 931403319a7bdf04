package io.leadflow.nurture;

import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.system.IdempotentRequests;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reporting activities through the API: retries with an idempotency key, per lead. */
@LeadflowIntegrationTest
class ActivityApiIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldTreatTheSameKeyAndBodyForAnotherLeadAsAnotherRequest() {
    String first = capture("first.attendee@webinar.example");
    String second = capture("second.attendee@webinar.example");
    HttpHeaders headers = new HttpHeaders();
    headers.set(IdempotentRequests.HEADER, "webinar-2026-11-attendance");
    Map<String, String> attended = Map.of("type", "WEBINAR_ATTENDED", "subject", "Speed to lead");

    ResponseEntity<JsonNode> reported = report(first, attended, headers);
    ResponseEntity<JsonNode> retried = report(first, attended, headers);
    ResponseEntity<JsonNode> otherLead = report(second, attended, headers);

    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(retried.getHeaders().getFirst(IdempotentRequests.REPLAYED)).isEqualTo("true");
    assertThat(retried.getBody()).isEqualTo(reported.getBody());
    assertThat(otherLead.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(webinarsAttended(first)).isOne();
    assertThat(webinarsAttended(second)).isZero();
  }

  private String capture(String email) {
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        Map.of("email", email, "firstName", "Web", "lastName", "Attendee", "company", "Webinar Ltd", "country", "DE",
            "sourceChannel", "web-form"), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asText();
  }

  private ResponseEntity<JsonNode> report(String leadId, Map<String, String> activity, HttpHeaders headers) {
    return rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads/{id}/activities",
        new HttpEntity<>(activity, headers), JsonNode.class, leadId);
  }

  private long webinarsAttended(String leadId) {
    return jdbc.queryForObject("select count(*) from leadflow.lead_activity where lead_id = ?::uuid "
        + "and type = 'WEBINAR_ATTENDED'", Long.class, leadId);
  }
}
