package io.leadflow.nurture;

import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static io.leadflow.DemoUsers.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The "on its own": through the API and the running job executor, a nurtured lead that looks at prices twice
 * becomes a marketing-qualified lead, and its score says why.
 */
@LeadflowIntegrationTest
class NurtureIT {

  @Autowired TestRestTemplate rest;

  @Test
  void shouldMakeANurturedLeadThatVisitsThePricingPageTwiceAnMqlOnItsOwn() {
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        Map.ofEntries(Map.entry("email", "pia@quinn-systems.example"), Map.entry("firstName", "Pia"),
            Map.entry("lastName", "Quinn"), Map.entry("company", "Quinn Systems"), Map.entry("country", "DE"),
            Map.entry("sourceChannel", "content-download"), Map.entry("requestType", "CONTENT_DOWNLOAD"),
            Map.entry("asset", "roi-guide"), Map.entry("marketingConsent", true),
            // fits well (software, mid-market, an influencer), but a download alone is below the threshold of 60
            Map.entry("industry", "SOFTWARE"), Map.entry("companySize", 400), Map.entry("jobLevel", "INFLUENCER")),
        JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String leadId = created.getBody().get("id").asText();
    awaitStage(leadId, "NURTURE");

    for (int visit = 1; visit <= 2; visit++) {
      ResponseEntity<JsonNode> reported = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity(
          "/api/leads/{id}/activities", Map.of("type", "PRICING_PAGE_VISIT",
              "url", "https://leadflow.example/pricing"), JsonNode.class, leadId);
      assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
      assertThat(reported.getBody().get("forwardedTo").asText()).isEqualTo("NURTURE");
    }

    JsonNode lead = awaitStage(leadId, "MQL");
    assertThat(lead.toString()).contains("Visited the pricing page repeatedly in the last 30 days");
    assertThat(lead.get("stageHistory").findValuesAsText("to")).containsSubsequence("NURTURE", "MQL");
  }

  private JsonNode awaitStage(String leadId, String stage) {
    return await().atMost(Duration.ofSeconds(60)).until(
        () -> rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId),
        lead -> lead != null && lead.path("stage").asText().equals(stage));
  }
}
