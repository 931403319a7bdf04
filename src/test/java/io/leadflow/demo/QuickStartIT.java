package io.leadflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.DemoUsers;
import io.leadflow.LeadflowIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The README's quick start on a fresh start of the demo profile, demo history included: the hand-raiser the README
 * posts reaches a rep of Sales EMEA, not the team's queue.
 */
@LeadflowIntegrationTest
// the demo history's context, shared with the dashboard and metrics tests (same settings, same context)
@TestPropertySource(properties = {"leadflow.demo.history.leads=3000",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.generate-unique-process-application-name=true"})
@AutoConfigureObservability(tracing = false)
class QuickStartIT {

  @Autowired TestRestTemplate rest;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;
  @Autowired DemoHistory history;

  @Test
  void shouldGiveTheReadmesHandRaiserToARepOfSalesEmeaWithinSeconds() {
    assertThat(history.exists()).as("the demo history of the first start").isTrue();

    // the README's curl, "Where to click"
    var created = rest.withBasicAuth(DemoUsers.MARKETING_OPS, DemoUsers.PASSWORD).postForEntity("/api/leads",
        Map.ofEntries(Map.entry("email", "ada.lovelace@analytical.example"), Map.entry("firstName", "Ada"),
            Map.entry("lastName", "Lovelace"), Map.entry("company", "Analytical Engines Ltd"),
            Map.entry("jobTitle", "CTO"), Map.entry("phone", "+44 20 7946 0958"), Map.entry("country", "GB"),
            Map.entry("sourceChannel", "web-form"), Map.entry("campaign", "spring-webinar"),
            Map.entry("requestType", "DEMO"), Map.entry("industry", "SOFTWARE"), Map.entry("companySize", 1200),
            Map.entry("jobLevel", "DECISION_MAKER"), Map.entry("budget", "CONFIRMED"),
            Map.entry("timeframe", "WITHIN_3_MONTHS"), Map.entry("marketingConsent", true)), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String leadId = (String) created.getBody().get("id");

    Task accept = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey("Task_AcceptLead").singleResult(), task -> task != null);
    assertThat(accept.getAssignee()).as("the rep whose turn it is, not the team's queue").isIn("sam", "lena");
    assertThat(jdbc.queryForMap("select team, owner from leadflow.lead where id = ?::uuid", leadId))
        .containsEntry("team", "sales-emea").containsEntry("owner", accept.getAssignee());
  }
}
