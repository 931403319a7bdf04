package io.leadflow.metrics;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Campaign cost per campaign and month over HTTP: who records and reads it, bad input, and the dashboard using it. */
@LeadflowIntegrationTest
class CampaignCostIT {

  @Autowired TestRestTemplate rest;

  @Test
  void shouldLetMarketingOpsRecordACostThatTheDashboardDividesByTheCampaignsLeads() {
    String campaign = "cost-" + UUID.randomUUID();
    String month = YearMonth.now().toString();

    ResponseEntity<JsonNode> saved = put(MARKETING_OPS, Map.of("campaign", campaign, "month", month,
        "amount", 1200));
    ResponseEntity<JsonNode> replaced = put(MARKETING_OPS, Map.of("campaign", campaign, "month", month,
        "amount", 1500.5));

    assertThat(saved.getStatusCode()).as(String.valueOf(saved.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(replaced.getBody().get("amount").decimalValue()).isEqualByComparingTo("1500.50");
    assertThat(replaced.getBody().get("currency").asText()).isEqualTo("EUR");
    JsonNode listed = rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/campaign-costs?campaign={c}",
        JsonNode.class, campaign);
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("month").asText()).isEqualTo(month);

    JsonNode revenue = rest.withBasicAuth(MANAGER, PASSWORD).getForObject(
        "/api/metrics/revenue?campaign={c}", JsonNode.class, campaign);
    assertThat(revenue.get("rows").findValuesAsText("campaign")).containsExactly(campaign);
    assertThat(revenue.at("/rows/0/cost").decimalValue()).isEqualByComparingTo("1500.50");

    assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).exchange("/api/campaign-costs?campaign={c}&month={m}",
        HttpMethod.DELETE, null, String.class, campaign, month).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).exchange("/api/campaign-costs?campaign={c}&month={m}",
        HttpMethod.DELETE, null, String.class, campaign, month).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldKeepCostsFromRepsAndTheirChangesFromManagers() {
    Map<String, Object> cost = Map.of("campaign", "cost-" + UUID.randomUUID(), "month", "2026-01", "amount", 10);

    assertThat(put(MANAGER, cost).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put(REP_EMEA, cost).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth(REP_EMEA, PASSWORD).getForEntity("/api/campaign-costs", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put(ADMIN, cost).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldNameEveryBadField() {
    Map<String, Object> bad = new HashMap<>(Map.of("campaign", "<script>", "month", "1999-12", "amount", -3));
    ResponseEntity<JsonNode> refused = put(MARKETING_OPS, bad);
    ResponseEntity<JsonNode> cents = put(MARKETING_OPS, Map.of("campaign", "fine", "month", "2026-01",
        "amount", 1.005));
    ResponseEntity<JsonNode> notAMonth = put(MARKETING_OPS, Map.of("campaign", "fine", "month", "2026-13",
        "amount", 1));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("errors").findValuesAsText("field")).containsExactly("amount", "campaign",
        "month");
    assertThat(cents.getBody().get("errors").findValuesAsText("field")).containsExactly("amount");
    assertThat(notAMonth.getBody().get("errors").findValuesAsText("field")).containsExactly("month");
    assertThat(rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/campaign-costs?from=2026-05&to=2026-01",
        JsonNode.class).get("errors").findValuesAsText("field")).containsExactly("from");
  }

  private ResponseEntity<JsonNode> put(String user, Map<String, Object> body) {
    return rest.withBasicAuth(user, PASSWORD).exchange("/api/campaign-costs", HttpMethod.PUT,
        new HttpEntity<>(body), JsonNode.class);
  }
}
