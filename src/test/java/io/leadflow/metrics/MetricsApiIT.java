package io.leadflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.DemoUsers;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/** The metrics API over HTTP with the demo history: JSON, CSV, who may read it, bad parameters, Prometheus. */
@LeadflowIntegrationTest
// a context of its own beside the other integration tests': its engine needs a name of its own
@TestPropertySource(properties = {"leadflow.demo.history.leads=3000",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.generate-unique-process-application-name=true"})
// Spring Boot tests export no metrics unless asked; both classes ask, so that they share one application context
@AutoConfigureObservability(tracing = false)
class MetricsApiIT {

  @LocalServerPort
  int port;

  private RestClient as(String user) {
    return RestClient.builder().baseUrl("http://localhost:" + port)
        .defaultHeaders(headers -> headers.setBasicAuth(user, DemoUsers.PASSWORD))
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
        .build();
  }

  @Test
  void shouldServeTheFiguresAsJsonAndCsvToManagersAndMarketing() {
    String json = as(DemoUsers.MANAGER).get().uri("/api/metrics/conversions?segment=SMB").retrieve()
        .body(String.class);
    assertThat(json).contains("\"figure\":\"conversions\"", "\"filters\":{\"segment\":\"SMB\"}",
        "\"fromStage\":\"MQL\",\"toStage\":\"SAL\"");

    var csv = as(DemoUsers.MARKETING_OPS).get().uri("/api/metrics/velocity").accept(MediaType.valueOf("text/csv"))
        .retrieve().toEntity(String.class);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getBody()).startsWith("stage,measured,medianDays,p80Days\r\nINQUIRY,");
  }

  @Test
  void shouldOfferTheDashboardsFiltersAsPickListsOfTheValuesThatExist() {
    String page = as(DemoUsers.MANAGER).get().uri("/dashboard").retrieve().body(String.class);

    assertThat(page).contains("<select name=\"team\">", "<option value=\"sales-emea\">Sales EMEA</option>",
        "<option value=\"sales-americas\">Sales Americas</option>",
        "<select name=\"rep\">", "<optgroup label=\"Sales EMEA\">", "<option value=\"sam\">Sam Okafor</option>",
        "<option value=\"lena\">Lena Fischer</option>",
        "<select name=\"segment\">", "<option value=\"MID_MARKET\">Mid market</option>",
        // one name per channel, the capture channel's
        "<select name=\"channel\">", "<option value=\"web-form\">Web form</option>",
        "<option value=\"trade-show\">Trade show</option>",
        "<select name=\"campaign\">", "<option value=\"webinar-speed-to-lead\">webinar-speed-to-lead</option>");
    assertThat(page).doesNotContain("value=\"WEB\"", "<input name=\"team\"", "<input name=\"rep\"");
  }

  @Test
  void shouldKeepTheFiguresFromReps() {
    assertThat(as(DemoUsers.REP_EMEA).get().uri("/api/metrics/volumes").retrieve().toBodilessEntity()
        .getStatusCode().value()).isEqualTo(403);
    Integer anonymous = RestClient.create("http://localhost:" + port).get().uri("/api/metrics/volumes")
        .exchange((request, response) -> response.getStatusCode().value());
    assertThat(anonymous).isEqualTo(401);
  }

  @Test
  void shouldNameTheBadParameter() {
    var response = as(DemoUsers.MANAGER).get().uri("/api/metrics/volumes?from=2026-13-01").retrieve()
        .toEntity(String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("\"field\":\"from\"");
    assertThat(as(DemoUsers.MANAGER).get().uri("/api/metrics/sla?by=moon").retrieve().toEntity(String.class)
        .getBody()).contains("\"field\":\"by\"", "step, team, rep");
    var nul = as(DemoUsers.MANAGER).get().uri("/api/metrics/sla?by=rep&campaign={campaign}", "spring\u0000")
        .retrieve().toEntity(String.class);
    assertThat(nul.getStatusCode().value()).isEqualTo(400);
    assertThat(nul.getBody()).contains("\"field\":\"campaign\"", "NUL character");
    var plan = as(DemoUsers.MANAGER).post().uri("/api/planning/funnel").contentType(MediaType.APPLICATION_JSON)
        .body("""
            {"averageDealSize": 0, "from": "2027-01-01", "to": "2027-03-31",
             "conversionRates": {"inquiryToMql": 0.2, "mqlToSal": 1.5, "salToSql": 0.5, "sqlToWon": 0.3}}""")
        .retrieve().toEntity(String.class);
    assertThat(plan.getStatusCode().value()).isEqualTo(400);
    assertThat(plan.getBody()).contains("\"field\":\"averageDealSize\"", "\"field\":\"revenueTarget\"",
        "\"field\":\"conversionRates.mqlToSal\"");
  }

  @Test
  void shouldExposeLeadflowsMetersToPrometheus() {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(as(DemoUsers.ADMIN).get().uri("/actuator/prometheus").retrieve().body(String.class))
            .contains("leadflow_leads{channel=\"web-form\"}", "leadflow_mqls ",
                "leadflow_sla_breaches{step=\"ACCEPTANCE\"}",
                "leadflow_incidents_open{type=\"slaBreach\"} 0.0", "leadflow_incidents_open{type=\"failedJob\"} 0.0"));
  }
}
