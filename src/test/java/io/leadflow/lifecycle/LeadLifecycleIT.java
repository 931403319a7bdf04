package io.leadflow.lifecycle;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.Mailbox;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A lead from the API to closed-won on the running application: the job executor runs the asynchronous steps, reps
 * work the tasks through the engine REST API (as Tasklist does) and the engine's task service, PostgreSQL is real.
 */
@LeadflowIntegrationTest
class LeadLifecycleIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired Mailbox mailbox;

  @Test
  void shouldTakeAPostedLeadThroughEveryStageToClosedWon() {
    String leadId = postHandRaiser("grace.hopper@cobol.example", "DE");

    JsonNode accept = awaitTask(leadId, "Task_AcceptLead");
    String rep = accept.get("assignee").asText();
    assertThat(rep).isIn(REP_EMEA, "lena");
    // the notice to the rep runs beside the task; a rep answering within the same second may have to submit again
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !mailbox.receivedBy(rep + "@leadflow.example", "grace.hopper").isEmpty());
    submitForm(rep, accept, Map.of("acceptOutcome", "ACCEPT", "note", "Called back within the hour"));

    JsonNode firstContact = awaitTask(leadId, "Task_FollowUpWithLead");
    submitForm(rep, firstContact, Map.of("followUpOutcome", "CONTACT_ATTEMPT", "contactChannel", "CALL",
        "contactOutcome", "REACHED", "contactNote", "Project approved, budget 80k"));

    // the rep qualifies the lead through the engine's task service, as any other client of the engine would
    JsonNode qualification = awaitNewTask(leadId, "Task_FollowUpWithLead", firstContact);
    completeAs(rep, qualification.get("id").asText(), Map.of("followUpOutcome", "QUALIFIED",
        "opportunityAmount", 80000, "expectedCloseDate", "2027-02-26"));

    JsonNode work = awaitTask(leadId, "Task_WorkOpportunity");
    submitForm(rep, work, Map.of("opportunityOutcome", "WON", "opportunityAmount", 82500));

    await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(leadId).processDefinitionKey("LeadLifecycle").finished().count() == 1);
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(leadId).processDefinitionKey("LeadLifecycle").singleResult();
    assertThat(instance.getEndActivityId()).isEqualTo("EndEvent_LeadWon");
    assertThat(jdbc.queryForList("select from_stage, to_stage, changed_by from leadflow.lead_stage_change "
        + "where lead_id = ?::uuid order by changed_at, id", leadId))
        .extracting(row -> row.get("from_stage") + ">" + row.get("to_stage") + " by " + row.get("changed_by"))
        .containsExactly("null>INQUIRY by mia", "INQUIRY>MQL by system", "MQL>SAL by " + rep,
            "SAL>SQL by " + rep, "SQL>WON by system");

    JsonNode lead = rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId);
    assertThat(lead.get("stage").asText()).isEqualTo("WON");
    assertThat(lead.at("/opportunities/0/state").asText()).isEqualTo("WON");
    assertThat(lead.at("/opportunities/0/amount").asInt()).isEqualTo(82500);
    assertThat(lead.at("/score/reasons").findValuesAsText("reason"))
        .contains("Asked for a demo or contact in the last 30 days");
    assertThat(lead.at("/contactAttempts/0/note").asText()).isEqualTo("Project approved, budget 80k");
    assertThat(lead.at("/crm/leadRecordId").asText()).startsWith("LF-");
    assertThat(mailbox.receivedBy("grace.hopper@cobol.example")).hasSize(1);
    assertThat(mailbox.receivedBy(rep + "@leadflow.example", "grace.hopper")).hasSize(1);
  }

  @Test
  void shouldShowAndLetWorkATaskOnlyToTheTeamItBelongsTo() {
    String leadId = postHandRaiser("katherine.johnson@orbit.example", "DE");
    JsonNode accept = awaitTask(leadId, "Task_AcceptLead");
    String taskId = accept.get("id").asText();

    // a rep of another team sees nothing and may not complete it
    assertThat(rest.withBasicAuth(REP_AMERICAS, PASSWORD).getForObject(
        "/engine-rest/task?processInstanceBusinessKey={id}&maxResults=10", JsonNode.class, leadId)).isEmpty();
    ResponseEntity<String> completion = rest.withBasicAuth(REP_AMERICAS, PASSWORD).postForEntity(
        "/engine-rest/task/{id}/submit-form", Map.of("variables", Map.of("acceptOutcome", Map.of("value", "ACCEPT"))),
        String.class, taskId);
    assertThat(completion.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThatThrownBy(() -> completeAs(REP_AMERICAS, taskId, Map.of("acceptOutcome", "ACCEPT")))
        .isInstanceOf(AuthorizationException.class);
    // nor the lead through Leadflow's API: to them it does not exist
    ResponseEntity<String> reading = rest.withBasicAuth(REP_AMERICAS, PASSWORD)
        .getForEntity("/api/leads/{id}", String.class, leadId);
    assertThat(reading.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(reading.getBody()).doesNotContain("katherine");

    // the team, its rep and the managers see it
    for (String user : List.of(REP_EMEA, "lena", MANAGER)) {
      assertThat(rest.withBasicAuth(user, PASSWORD).getForObject(
          "/engine-rest/task?processInstanceBusinessKey={id}&maxResults=10", JsonNode.class, leadId))
          .as(user).hasSize(1);
      assertThat(rest.withBasicAuth(user, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId)
          .get("email").asText()).as(user).isEqualTo("katherine.johnson@orbit.example");
    }
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult()).isNotNull();
  }

  private String postHandRaiser(String email, String country) {
    Map<String, Object> lead = new HashMap<>();
    lead.putAll(Map.of("email", email, "firstName", "Ada", "lastName", email.substring(0, email.indexOf('@')),
        "company", "Orbital Systems", "jobTitle", "Head of IT", "country", country, "sourceChannel", "web-form",
        "campaign", "demo-day", "requestType", "DEMO"));
    lead.putAll(Map.of("industry", "SOFTWARE", "companySize", 1200, "jobLevel", "DECISION_MAKER",
        "budget", "CONFIRMED", "timeframe", "WITHIN_3_MONTHS", "marketingConsent", true));
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD)
        .postForEntity("/api/leads", lead, JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asText();
  }

  /** The open task of the lead at the given step, as a manager sees it in the engine REST API. */
  private JsonNode awaitTask(String leadId, String taskDefinitionKey) {
    return awaitNewTask(leadId, taskDefinitionKey, null);
  }

  private JsonNode awaitNewTask(String leadId, String taskDefinitionKey, JsonNode previous) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode list = rest.withBasicAuth(MANAGER, PASSWORD).getForObject(
          "/engine-rest/task?processInstanceBusinessKey={id}&taskDefinitionKey={key}&maxResults=10", JsonNode.class,
          leadId, taskDefinitionKey);
      if (list.size() == 1 && (previous == null || !list.get(0).get("id").equals(previous.get("id")))) {
        found[0] = list.get(0);
        return true;
      }
      return false;
    });
    return found[0];
  }

  private void submitForm(String user, JsonNode task, Map<String, Object> values) {
    Map<String, Object> variables = new HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    ResponseEntity<String> response = rest.withBasicAuth(user, PASSWORD).postForEntity(
        "/engine-rest/task/{id}/submit-form", Map.of("variables", variables), String.class,
        task.get("id").asText());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private void completeAs(String user, String taskId, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList());
    try {
      tasks.complete(taskId, variables);
    } finally {
      identity.clearAuthentication();
    }
  }
}
