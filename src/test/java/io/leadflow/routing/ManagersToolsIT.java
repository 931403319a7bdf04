package io.leadflow.routing;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A manager's tools over HTTP: bulk reassignment with its report, out of office handing open work over, and reps'
 * capacity. Omar's and Rita's team (sales-americas) is where it happens; what a test changes of them it puts back.
 */
@LeadflowIntegrationTest
class ManagersToolsIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @Autowired SalesRepRepository reps;

  @Test
  void shouldMoveChosenLeadsRoundRobinOverTheTeamOneByOneAndReportWhatStayed() {
    String first = omarsLead("bulk.first." + UUID.randomUUID() + "@initial.example");
    String second = omarsLead("bulk.second." + UUID.randomUUID() + "@initial.example");
    UUID withoutProcess = UUID.randomUUID();
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("insert into leadflow.lead (id, email, first_name, last_name, stage, created_at, updated_at, team, "
        + "owner) values (?, ?, 'Old', 'Import', 'MQL', ?, ?, 'sales-americas', 'omar')", withoutProcess,
        withoutProcess + "@old.example", now, now);

    ResponseEntity<JsonNode> report = post(MANAGER, Map.of("from", "omar", "leads",
        List.of(first, second, withoutProcess.toString()), "note", "Omar is at the trade show"));

    assertThat(report.getStatusCode()).as(String.valueOf(report.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(report.getBody().get("requested").asInt()).isEqualTo(3);
    assertThat(report.getBody().get("moved").findValuesAsText("leadId")).containsExactly(first, second);
    assertThat(report.getBody().get("moved").findValuesAsText("to")).as("the only other rep of the team")
        .containsExactly(REP_AMERICAS, REP_AMERICAS);
    assertThat(report.getBody().at("/failed/0/leadId").asText()).isEqualTo(withoutProcess.toString());
    assertThat(report.getBody().at("/failed/0/reason").asText()).contains("lifecycle is not running");
    for (String leadId : List.of(first, second)) {
      assertThat(owner(leadId)).isEqualTo(REP_AMERICAS);
      assertThat(acceptTask(leadId).getAssignee()).isEqualTo(REP_AMERICAS);
      assertThat(jdbc.queryForObject("select note from leadflow.lead_activity where lead_id = ?::uuid "
          + "and type = 'OWNER_CHANGE' order by occurred_at desc limit 1", String.class, leadId))
          .isEqualTo("Reassigned by max from omar: Omar is at the trade show");
    }
    assertThat(owner(withoutProcess.toString())).as("a lead that cannot move stays").isEqualTo("omar");
  }

  @Test
  void shouldRefuseBulkReassignmentToRepsAndNameEveryBadField() {
    assertThat(post(REP_EMEA, Map.of("from", "lena")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post(MARKETING_OPS, Map.of("from", "lena")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<JsonNode> bad = post(MANAGER, Map.of("from", "ghost", "to", "nobody", "leads", List.of()));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody().get("errors").findValuesAsText("field")).containsExactly("from", "leads", "to");
    assertThat(post(MANAGER, Map.of("from", "omar", "to", "omar")).getBody().get("errors")
        .findValuesAsText("field")).containsExactly("to");
  }

  @Test
  void shouldHandAnAbsentRepsOpenLeadsToAColleague() {
    String leadId = omarsLead("away." + UUID.randomUUID() + "@initial.example");
    String today = ClockUtil.now().toInstant().atZone(ZoneId.of("America/New_York")).toLocalDate().toString();
    try {
      ResponseEntity<JsonNode> unknown = put(MANAGER, "/api/admin/reps/omar/out-of-office", Map.of("from", today,
          "handOverOpenLeads", true, "handOverTo", "ghost"));
      assertThat(unknown.getBody().get("errors").findValuesAsText("field")).containsExactly("handOverTo");
      assertThat(reps.findById("omar").orElseThrow().getOutOfOfficeFrom()).as("nothing saved").isNull();

      ResponseEntity<JsonNode> away = put(MANAGER, "/api/admin/reps/omar/out-of-office", Map.of("from", today,
          "handOverOpenLeads", true, "handOverTo", REP_AMERICAS));

      assertThat(away.getStatusCode()).as(String.valueOf(away.getBody())).isEqualTo(HttpStatus.OK);
      assertThat(away.getBody().get("outOfOfficeFrom").asText()).isEqualTo(today);
      assertThat(away.getBody().at("/handOver/from").asText()).isEqualTo("omar");
      assertThat(away.getBody().at("/handOver/moved").findValuesAsText("leadId")).contains(leadId);
      assertThat(owner(leadId)).isEqualTo(REP_AMERICAS);
      assertThat(acceptTask(leadId).getAssignee()).isEqualTo(REP_AMERICAS);
    } finally {
      rest.withBasicAuth(MANAGER, PASSWORD).exchange("/api/admin/reps/omar/out-of-office", HttpMethod.DELETE, null,
          JsonNode.class);
    }
  }

  @Test
  void shouldLetManagersChangeARepsCapacity() {
    int capacity = reps.findById("omar").orElseThrow().getCapacity();
    try {
      ResponseEntity<JsonNode> changed = put(MANAGER, "/api/admin/reps/omar/capacity", Map.of("capacity", 25));
      assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(changed.getBody().get("capacity").asInt()).isEqualTo(25);
      assertThat(reps.findById("omar").orElseThrow().getCapacity()).isEqualTo(25);

      assertThat(put(REP_AMERICAS, "/api/admin/reps/omar/capacity", Map.of("capacity", 99)).getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(put(MARKETING_OPS, "/api/admin/reps/omar/capacity", Map.of("capacity", 99)).getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(put(MANAGER, "/api/admin/reps/omar/capacity", Map.of("capacity", -1)).getBody().get("errors")
          .findValuesAsText("field")).containsExactly("capacity");
      assertThat(put(MANAGER, "/api/admin/reps/ghost/capacity", Map.of("capacity", 5)).getStatusCode())
          .isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(reps.findById("omar").orElseThrow().getCapacity()).isEqualTo(25);
    } finally {
      put(MANAGER, "/api/admin/reps/omar/capacity", Map.of("capacity", capacity));
    }
  }

  /** A hand-raiser from the US, owned by omar, waiting in "Accept lead". */
  private String omarsLead(String email) {
    Map<String, Object> lead = new HashMap<>(Map.of("email", email, "firstName", "Hal", "lastName", "Laning",
        "company", "Initial Systems", "jobTitle", "CTO", "country", "US", "phone", "+1 617 555 0100",
        "sourceChannel", "web-form", "campaign", "managers-tools", "requestType", "DEMO"));
    lead.putAll(Map.of("industry", "SOFTWARE", "companySize", 900, "jobLevel", "DECISION_MAKER"));
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD)
        .postForEntity("/api/leads", lead, JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String leadId = created.getBody().get("id").asText();
    Task accept = acceptTask(leadId);
    if (!"omar".equals(accept.getAssignee())) {
      assertThat(put(MANAGER, "/api/leads/" + leadId + "/owner", Map.of("rep", "omar")).getStatusCode())
          .isEqualTo(HttpStatus.OK);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> "omar".equals(owner(leadId)));
    return leadId;
  }

  private Task acceptTask(String leadId) {
    Task[] found = new Task[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      found[0] = tasks.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey("Task_AcceptLead")
          .singleResult();
      return found[0] != null;
    });
    return found[0];
  }

  private String owner(String leadId) {
    return jdbc.queryForObject("select owner from leadflow.lead where id = ?::uuid", String.class, leadId);
  }

  private ResponseEntity<JsonNode> post(String user, Map<String, Object> body) {
    return rest.withBasicAuth(user, PASSWORD).postForEntity("/api/leads/reassignments", body, JsonNode.class);
  }

  private ResponseEntity<JsonNode> put(String user, String path, Map<String, Object> body) {
    return rest.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
  }
}
