package io.leadflow.intake;

import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.lifecycle.LeadLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A list of thousands of rows imports completely while its progress can be watched. The test is about the import,
 * not about the lifecycles it starts: their jobs are held while it runs and the lifecycles removed after. Three
 * thousand rows take long enough for the report to be read several times on the way.
 */
@LeadflowIntegrationTest
class LargeImportIT {

  private static final int ROWS = 3_000;
  private static final String CAMPAIGN = "Expo 3k";

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;

  @BeforeEach
  void holdTheLifecyclesJobs() {
    management.suspendJobDefinitionByProcessDefinitionKey(LeadLifecycle.PROCESS_KEY, true);
  }

  @AfterEach
  void removeTheImportedLifecycles() {
    List<String> instances = jdbc.queryForList("select e.id_ from act_ru_execution e join leadflow.inquiry i "
        + "on e.business_key_ = i.lead_id::text where e.parent_id_ is null and i.campaign = ?", String.class, CAMPAIGN);
    if (!instances.isEmpty()) {
      runtime.deleteProcessInstances(instances, "test data", true, true);
    }
    management.activateJobDefinitionByProcessDefinitionKey(LeadLifecycle.PROCESS_KEY, true);
  }

  @Test
  void shouldImportThousandsOfRowsWithVisibleProgress() {
    StringBuilder csv = new StringBuilder("email,firstName,lastName,company,country,jobTitle\n");
    for (int n = 0; n < ROWS; n++) {
      csv.append("visitor-").append(n).append("@expo-").append(n % 97).append(".example,Visitor,")
          .append(letters(n)).append(",Expo Company ").append(n % 97).append(",DE,Buyer\n");
    }

    ResponseEntity<JsonNode> upload = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads/imports",
        LeadImportIT.multipart(csv.toString(), "trade-show", CAMPAIGN, "expo.csv"), JsonNode.class);
    assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = upload.getBody().get("id").asText();

    List<Integer> progress = new ArrayList<>();
    JsonNode done = Awaitility.await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(2))
        .until(() -> {
          JsonNode report = rest.withBasicAuth(MARKETING_OPS, PASSWORD).getForObject("/api/leads/imports/{id}",
              JsonNode.class, id);
          progress.add(report.get("rowsRead").asInt());
          return report;
        }, report -> report.get("status").asText().equals("done"));

    assertThat(done.get("created").asInt()).isEqualTo(ROWS);
    assertThat(done.get("rejected").asInt()).isZero();
    assertThat(progress).as("progress seen between the start and the end")
        .anyMatch(rows -> rows > 0 && rows < ROWS).isSorted();
  }

  /** A name made of letters only, different for every row: names have no digits. */
  private static String letters(int n) {
    StringBuilder name = new StringBuilder("Mc");
    for (int rest = n; ; rest /= 26) {
      name.append((char) ('a' + rest % 26));
      if (rest < 26) {
        return name.toString();
      }
    }
  }
}
