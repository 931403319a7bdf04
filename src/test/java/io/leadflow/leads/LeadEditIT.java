package io.leadflow.leads;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.lifecycle.LeadLifecycle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Correcting a lead's contact data and BANT answers, through {@code PATCH /api/leads/{id}} and the follow-up form: who
 * may, the rules of capture, the record of every change, and the re-score in the lead's running lifecycle.
 */
@LeadflowIntegrationTest
class LeadEditIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;

  @Test
  void shouldLetTheOwnerCorrectDataAndRescoreTheLeadInItsRunningProcess() {
    String leadId = samsLead("edit.owner." + UUID.randomUUID() + "@engines.example");
    int before = score(leadId);

    ResponseEntity<JsonNode> edited = patch(REP_EMEA, leadId, Map.of("budget", "CONFIRMED",
        "timeframe", "WITHIN_3_MONTHS", "phone", "030 9018 2000", "jobTitle", "VP Engineering"));

    assertThat(edited.getStatusCode()).as(String.valueOf(edited.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(edited.getBody().get("rescoredIn").asText()).isEqualTo("LIFECYCLE");
    assertThat(edited.getBody().get("changes").findValuesAsText("field"))
        .containsExactly("jobTitle", "phone", "budget", "timeframe");
    assertThat(jdbc.queryForList("select field, old_value, new_value, changed_by from leadflow.lead_change "
        + "where lead_id = ?::uuid order by id", leadId))
        .extracting(row -> row.get("field") + ": " + row.get("old_value") + " -> " + row.get("new_value") + " by "
            + row.get("changed_by"))
        .containsExactly("jobTitle: Head of IT -> VP Engineering by sam",
            "phone: +49301234567 -> +493090182000 by sam", "budget: PLANNED -> CONFIRMED by sam",
            "timeframe: null -> WITHIN_3_MONTHS by sam");
    // the lifecycle re-scores it: a confirmed budget and a near decision count
    await().atMost(Duration.ofSeconds(30)).until(() -> score(leadId) > before);
    await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(score(leadId)).equals(runtime.getVariable(
        lifecycle(leadId), LeadLifecycle.Variables.SCORE)));

    JsonNode timeline = rest.withBasicAuth(REP_EMEA, PASSWORD).getForObject("/api/leads/{id}/timeline",
        JsonNode.class, leadId);
    assertThat(timeline.findValuesAsText("title")).contains("Budget changed", "Phone changed");
    assertThat(timeline.findValuesAsText("detail")).contains("Planned \u2192 Confirmed");

    // marketing ops correct any lead; an unchanged value is no change
    ResponseEntity<JsonNode> byMarketing = patch(MARKETING_OPS, leadId, Map.of("company", "Analytical Engines Ltd",
        "budget", "CONFIRMED"));
    assertThat(byMarketing.getBody().get("changes").findValuesAsText("field")).containsExactly("company");
    assertThat(task(leadId, "Task_AcceptLead").getName()).as("the task is named after the corrected lead at once")
        .contains("Ada Lovelace, Analytical Engines Ltd");
  }

  @Test
  void shouldRefuseOtherRepsAndBadDataAndChangeNothing() {
    String leadId = samsLead("edit.refused." + UUID.randomUUID() + "@engines.example");

    assertThat(patch("lena", leadId, Map.of("budget", "NONE")).getStatusCode())
        .as("a teammate reads the lead but may not change it").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(patch(REP_AMERICAS, leadId, Map.of("budget", "NONE")).getStatusCode())
        .as("to another team's rep the lead does not exist").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(patch(MANAGER, leadId, Map.of("budget", "NONE")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    Map<String, Object> bad = new HashMap<>(Map.of("budget", "LOTS", "email", "not-an-email",
        "country", "Atlantis", "firstName", "<b>Ada</b>", "colour", "red"));
    bad.put("company", null);
    ResponseEntity<JsonNode> refused = patch(REP_EMEA, leadId, bad);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("errors").findValuesAsText("field"))
        .containsExactly("budget", "colour", "company", "country", "email", "firstName");
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_change where lead_id = ?::uuid",
        Integer.class, leadId)).isZero();
    assertThat(jdbc.queryForObject("select budget from leadflow.lead where id = ?::uuid", String.class, leadId))
        .isEqualTo("PLANNED");
  }

  @Test
  void shouldApplyTheFollowUpFormsCorrectionsWhenTheRepCompletesIt() {
    String leadId = samsLead("edit.form." + UUID.randomUUID() + "@engines.example");
    completeAs(REP_EMEA, task(leadId, "Task_AcceptLead"), Map.of("acceptOutcome", "ACCEPT"));
    Task followUp = task(leadId, "Task_FollowUpWithLead");
    int before = score(leadId);

    assertThatThrownBy(() -> completeAs(REP_EMEA, followUp, Map.of("followUpOutcome", "CONTACT_ATTEMPT",
        "contactChannel", "CALL", "contactOutcome", "REACHED", LeadLifecycle.Variables.NEW_PHONE, "not a phone")))
        .hasStackTraceContaining("Please correct: phone");
    assertThat(tasks.createTaskQuery().taskId(followUp.getId()).count()).as("the task stays open").isOne();

    completeAs(REP_EMEA, followUp, Map.of("followUpOutcome", "CONTACT_ATTEMPT", "contactChannel", "CALL",
        "contactOutcome", "REACHED", LeadLifecycle.Variables.NEW_BUDGET, "CONFIRMED",
        LeadLifecycle.Variables.NEW_JOB_TITLE, "Chief Technology Officer", LeadLifecycle.Variables.NEW_PHONE, ""));

    assertThat(jdbc.queryForList("select field, new_value, changed_by from leadflow.lead_change "
        + "where lead_id = ?::uuid order by id", leadId))
        .extracting(row -> row.get("field") + "=" + row.get("new_value") + " by " + row.get("changed_by"))
        .containsExactly("jobTitle=Chief Technology Officer by sam", "budget=CONFIRMED by sam");
    assertThat(jdbc.queryForObject("select phone from leadflow.lead where id = ?::uuid", String.class, leadId))
        .as("an empty field keeps the value").isEqualTo("+49301234567");
    await().atMost(Duration.ofSeconds(30)).until(() -> score(leadId) > before);
    assertThat(runtime.getVariables(lifecycle(leadId)).keySet())
        .doesNotContain(LeadLifecycle.Variables.NEW_BUDGET, LeadLifecycle.Variables.NEW_JOB_TITLE);
  }

  /** A hand-raiser with a planned budget, owned by sam, waiting in "Accept lead". */
  private String samsLead(String email) {
    Map<String, Object> lead = new HashMap<>(Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace",
        "company", "Analytical Engines", "jobTitle", "Head of IT", "country", "DE", "phone", "+49 30 1234567",
        "sourceChannel", "web-form", "campaign", "edit-test", "requestType", "DEMO"));
    lead.putAll(Map.of("industry", "SOFTWARE", "companySize", 1200, "jobLevel", "DECISION_MAKER",
        "budget", "PLANNED"));
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD)
        .postForEntity("/api/leads", lead, JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String leadId = created.getBody().get("id").asText();
    Task accept = task(leadId, "Task_AcceptLead");
    if (!REP_EMEA.equals(accept.getAssignee())) {
      assertThat(rest.withBasicAuth(MANAGER, PASSWORD).exchange("/api/leads/{id}/owner", HttpMethod.PUT,
          new HttpEntity<>(Map.of("rep", REP_EMEA)), JsonNode.class, leadId).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> REP_EMEA.equals(jdbc.queryForObject(
        "select owner from leadflow.lead where id = ?::uuid", String.class, leadId)) && score(leadId) > 0);
    return leadId;
  }

  private Task task(String leadId, String key) {
    Task[] found = new Task[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      found[0] = tasks.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(key).singleResult();
      return found[0] != null;
    });
    return found[0];
  }

  private String lifecycle(String leadId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(LeadLifecycle.PROCESS_KEY)
        .processInstanceBusinessKey(leadId).singleResult().getId();
  }

  private int score(String leadId) {
    Integer score = jdbc.queryForObject("select score from leadflow.lead where id = ?::uuid", Integer.class, leadId);
    return score == null ? 0 : score;
  }

  private ResponseEntity<JsonNode> patch(String user, String leadId, Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, PASSWORD).exchange("/api/leads/{id}", HttpMethod.PATCH,
        new HttpEntity<>(body, headers), JsonNode.class, leadId);
  }

  private void completeAs(String user, Task task, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList());
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }
}
