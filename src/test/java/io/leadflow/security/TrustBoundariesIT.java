package io.leadflow.security;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LeadLifecycle.Elements;
import io.leadflow.lifecycle.LeadLifecycle.Variables;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The holes issue 24 found by trying the demo logins as an attacker would, each through the door it was found at:
 * nobody changes what their role does not own.
 */
@LeadflowIntegrationTest
class TrustBoundariesIT {

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  @Test
  void shouldRefuseARepWritingTheLeadReferenceOrTheTeamOfTheirTask() {
    String leadId = handRaiser("ruth.writes@quinn-systems.example");
    String otherLead = handRaiser("otto.other@quinn-systems.example");
    Task accept = acceptTask(leadId);
    String rep = accept.getAssignee();

    List<ResponseEntity<String>> answers = List.of(
        engine(rep, HttpMethod.PUT, "/task/{id}/variables/leadId", variable(otherLead), accept.getId()),
        engine(rep, HttpMethod.PUT, "/task/{id}/variables/salesTeam", variable("sales-americas"), accept.getId()),
        engine(rep, HttpMethod.PUT, "/task/{id}/localVariables/leadId", variable(otherLead), accept.getId()),
        engine(rep, HttpMethod.POST, "/task/{id}/variables", Map.of("modifications",
            Map.of("salesRep", variable("pablo"))), accept.getId()),
        engine(rep, HttpMethod.POST, "/task/{id}/complete", variables(Map.of("acceptOutcome", "ACCEPT",
            "leadId", otherLead)), accept.getId()),
        engine(rep, HttpMethod.POST, "/task/{id}/submit-form", variables(Map.of("acceptOutcome", "ACCEPT",
            "salesTeam", "sales-americas")), accept.getId()));

    assertThat(answers).extracting(ResponseEntity::getStatusCode).containsOnly(HttpStatus.FORBIDDEN);
    assertThat(runtime.getVariables(accept.getProcessInstanceId(),
        List.of(Variables.LEAD_ID, Variables.SALES_TEAM, Variables.SALES_REP)))
        .containsEntry(Variables.LEAD_ID, leadId).containsEntry(Variables.SALES_TEAM, "sales-emea")
        .containsEntry(Variables.SALES_REP, rep);
    assertThat(tasks.createTaskQuery().taskId(accept.getId()).count()).isOne();
    assertThat(tasks.getVariablesLocal(accept.getId())).doesNotContainKey(Variables.LEAD_ID);
  }

  @Test
  void shouldRefuseARepGivingATeamTaskToAPartnerRep() {
    String leadId = handRaiser("paula.partner@quinn-systems.example");
    Task accept = acceptTask(leadId);
    String rep = accept.getAssignee();
    String teammate = rep.equals(REP_EMEA) ? "lena" : REP_EMEA;

    ResponseEntity<String> assigned = engine(rep, HttpMethod.POST, "/task/{id}/assignee", Map.of("userId", "pablo"),
        accept.getId());
    ResponseEntity<String> delegated = engine(rep, HttpMethod.POST, "/task/{id}/delegate", Map.of("userId", "pablo"),
        accept.getId());
    // given back to the team's queue, a teammate may take it, but not give it away either
    ResponseEntity<String> givenBack = engine(rep, HttpMethod.POST, "/task/{id}/unclaim", null, accept.getId());
    ResponseEntity<String> claimedForPartner = engine(teammate, HttpMethod.POST, "/task/{id}/claim",
        Map.of("userId", "pablo"), accept.getId());
    ResponseEntity<String> claimedForSelf = engine(teammate, HttpMethod.POST, "/task/{id}/claim",
        Map.of("userId", teammate), accept.getId());

    assertThat(assigned.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(delegated.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(givenBack.getStatusCode()).as(givenBack.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(claimedForPartner.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(claimedForSelf.getStatusCode()).as(claimedForSelf.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(tasks.createTaskQuery().taskId(accept.getId()).singleResult().getAssignee()).isEqualTo(teammate);
    assertThat(rest.withBasicAuth("pablo", PASSWORD).getForEntity("/api/leads/{id}", String.class, leadId)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId)
        .get("owner").get("rep").asText()).isEqualTo(teammate);
  }

  @Test
  void shouldLetAManagerGiveATaskOnlyToAnActiveRepWithTheLeadFollowing() {
    String leadId = handRaiser("manon.manager@quinn-systems.example");
    Task accept = acceptTask(leadId);

    ResponseEntity<String> toMarketing = engine(MANAGER, HttpMethod.POST, "/task/{id}/assignee",
        Map.of("userId", MARKETING_OPS), accept.getId());
    ResponseEntity<String> toNobodyKnown = engine(MANAGER, HttpMethod.POST, "/task/{id}/assignee",
        Map.of("userId", "nobody-known"), accept.getId());
    ResponseEntity<String> toPartner = engine(MANAGER, HttpMethod.POST, "/task/{id}/assignee",
        Map.of("userId", "pablo"), accept.getId());

    assertThat(toMarketing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(toMarketing.getBody()).contains("'mia' is not an active sales rep");
    assertThat(toNobodyKnown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(toPartner.getStatusCode()).as(toPartner.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.getVariable(accept.getProcessInstanceId(), Variables.SALES_TEAM)).isEqualTo("partner-latam");
    assertThat(rest.withBasicAuth("pablo", PASSWORD).getForEntity("/api/leads/{id}", String.class, leadId)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldLetAManagerLookUpTheRepsTheyMayGiveATaskToAsTasklistsAssigneeBoxDoes() {
    for (String rep : List.of(REP_EMEA, REP_AMERICAS, "pablo")) {
      assertThat(rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/engine-rest/user?id={id}&maxResults=1",
          JsonNode.class, rep).findValuesAsText("id")).as(rep).containsExactly(rep);
    }
    assertThat(rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/engine-rest/user?id={id}&maxResults=1",
        JsonNode.class, ADMIN)).as("not a rep").isEmpty();
    assertThat(rest.withBasicAuth(REP_EMEA, PASSWORD).getForObject("/engine-rest/user?id={id}&maxResults=1",
        JsonNode.class, REP_AMERICAS)).as("a rep looks nobody up").isEmpty();
  }

  @Test
  void shouldRefuseAManagerCorrelatingAMessageSignallingOrModifyingALead() {
    String leadId = handRaiser("eric.erased@quinn-systems.example");
    Task accept = acceptTask(leadId);
    String instance = accept.getProcessInstanceId();
    String stage = stage(leadId);

    List<ResponseEntity<String>> answers = List.of(
        engine(MANAGER, HttpMethod.POST, "/message", Map.of("messageName", LeadLifecycle.MESSAGE_LEAD_ERASED,
            "businessKey", leadId), null),
        engine(MANAGER, HttpMethod.POST, "/signal", Map.of("name", "AnySignal"), null),
        engine(MANAGER, HttpMethod.PUT, "/process-instance/{id}/variables/stage", variable("WON"), instance),
        engine(MANAGER, HttpMethod.POST, "/process-instance/{id}/modification", Map.of("instructions", List.of(
            Map.of("type", "startBeforeActivity", "activityId", Elements.END_LEAD_WON))), instance));

    assertThat(answers).extracting(ResponseEntity::getStatusCode).containsOnly(HttpStatus.FORBIDDEN);
    assertThat(jdbc.queryForMap("select email, stage from leadflow.lead where id = ?::uuid", leadId))
        .containsEntry("email", "eric.erased@quinn-systems.example").containsEntry("stage", stage);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isOne();
  }

  @Test
  void shouldLetMarketingOpsStartOnlyTheCalledInInquiryAndOnlyAtItsStart() {
    String leadId = handRaiser("wanda.won@quinn-systems.example");
    acceptTask(leadId);
    String stage = stage(leadId);

    JsonNode startable = rest.withBasicAuth(MARKETING_OPS, PASSWORD).getForObject("/engine-rest/process-definition"
        + "?latestVersion=true&active=true&startableInTasklist=true&startablePermissionCheck=true&maxResults=50",
        JsonNode.class);
    ResponseEntity<String> lifecycle = engine(MARKETING_OPS, HttpMethod.POST,
        "/process-definition/key/LeadLifecycle/start", Map.of("businessKey", leadId), null);
    ResponseEntity<String> toWon = engine(MARKETING_OPS, HttpMethod.POST, "/process-definition/key/LeadLifecycle/start",
        Map.of("businessKey", leadId, "variables", Map.of("leadId", variable(leadId)), "startInstructions",
            List.of(Map.of("type", "startBeforeActivity", "activityId", Elements.END_LEAD_WON))), null);
    ResponseEntity<String> inquiryAtItsEnd = engine(MARKETING_OPS, HttpMethod.POST,
        "/process-definition/key/LogInquiry/start", Map.of("startInstructions",
            List.of(Map.of("type", "startBeforeActivity", "activityId", "EndEvent_InquiryLogged"))), null);
    ResponseEntity<String> nurture = engine(MARKETING_OPS, HttpMethod.POST,
        "/process-definition/key/LeadNurture/start", Map.of("businessKey", leadId), null);

    assertThat(startable.findValuesAsText("key")).containsExactly("LogInquiry");
    assertThat(List.of(lifecycle, toWon, inquiryAtItsEnd, nurture)).extracting(ResponseEntity::getStatusCode)
        .containsOnly(HttpStatus.FORBIDDEN);
    assertThat(stage(leadId)).isEqualTo(stage);
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_stage_change where lead_id = ?::uuid "
        + "and to_stage = 'WON'", Long.class, leadId)).isZero();
  }

  @Test
  void shouldAnswerAMissingRequiredFieldWithABadRequestNamingTheFieldInEveryClient() {
    String leadId = handRaiser("rick.required@quinn-systems.example");
    Task accept = acceptTask(leadId);
    String rep = accept.getAssignee();
    Map<String, Object> reject = variables(Map.of("acceptOutcome", "REJECT"));

    ResponseEntity<JsonNode> completed = rest.withBasicAuth(rep, PASSWORD).postForEntity(
        "/engine-rest/task/{id}/complete", reject, JsonNode.class, accept.getId());
    ResponseEntity<JsonNode> submitted = rest.withBasicAuth(rep, PASSWORD).postForEntity(
        "/engine-rest/task/{id}/submit-form", reject, JsonNode.class, accept.getId());
    HttpResponse<String> inTasklist = WebappSession.loggedIn(port, rep, PASSWORD).json("POST",
        "/camunda/api/engine/engine/default/task/" + accept.getId() + "/submit-form",
        "{\"variables\":{\"acceptOutcome\":{\"value\":\"REJECT\"}}}");

    for (ResponseEntity<JsonNode> answer : List.of(completed, submitted)) {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody().get("message").asText()).contains("rejectTo is required")
          .contains("stageReason is required");
    }
    assertThat(inTasklist.statusCode()).isEqualTo(400);
    assertThat(inTasklist.body()).contains("rejectTo is required");
    assertThat(tasks.createTaskQuery().taskId(accept.getId()).count()).isOne();
  }

  @Test
  void shouldRefuseALostReasonThatDoesNotFitBeforeAnyStepCanFailOnIt() {
    String leadId = handRaiser("lars.lost@quinn-systems.example");
    Task accept = acceptTask(leadId);
    String rep = accept.getAssignee();
    submit(rep, accept, Map.of("acceptOutcome", "ACCEPT"));
    submit(rep, awaitTask(leadId, Elements.TASK_FOLLOW_UP_WITH_LEAD), Map.of("followUpOutcome", "QUALIFIED",
        "opportunityAmount", 48000, "expectedCloseDate", LocalDate.now().plusMonths(3).toString()));
    Task work = awaitTask(leadId, Elements.TASK_WORK_OPPORTUNITY);
    String lostTo = "RivalSoft " + "x".repeat(90);

    ResponseEntity<JsonNode> tooLong = rest.withBasicAuth(rep, PASSWORD).postForEntity(
        "/engine-rest/task/{id}/submit-form", variables(Map.of("opportunityOutcome", "LOST", "lostTo", lostTo,
            "lostReason", "r".repeat(391))), JsonNode.class, work.getId());

    assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooLong.getBody().get("message").asText()).contains("lostReason").contains("390");
    assertThat(tasks.createTaskQuery().taskId(work.getId()).count()).isOne();

    submit(rep, work, Map.of("opportunityOutcome", "LOST", "lostTo", lostTo, "lostReason", "r".repeat(390)));
    await().atMost(Duration.ofSeconds(60)).until(() -> "LOST".equals(stage(leadId)));
    assertThat(jdbc.queryForObject("select reason from leadflow.lead_stage_change where lead_id = ?::uuid "
        + "and to_stage = 'LOST'", String.class, leadId)).hasSize(500).startsWith("Lost to RivalSoft");
    assertThat(management.createJobQuery().processInstanceId(work.getProcessInstanceId()).withException().count())
        .isZero();
  }

  @Test
  void shouldLetAnApiKeyCaptureOnlyForItsOwnChannelAndReadNothing() {
    HttpHeaders key = new HttpHeaders();
    key.set(ApiKeyAuthenticationFilter.HEADER, rest.withBasicAuth(ADMIN, PASSWORD).postForObject(
        "/api/admin/api-keys", Map.of("name", "trade-show-scanner", "channel", "trade-show"), JsonNode.class)
        .get("key").asText());
    String othersImport = rest.postForEntity("/api/leads/imports",
        new HttpEntity<>(csvUpload("purchased-list", "mona@bought.example"), marketingOpsMultipart()), JsonNode.class)
        .getBody().get("id").asText();

    ResponseEntity<String> otherChannel = rest.postForEntity("/api/leads/imports",
        new HttpEntity<>(csvUpload("purchased-list", "nina@bought.example"), multipart(key)), String.class);
    ResponseEntity<JsonNode> ownChannel = rest.postForEntity("/api/leads/imports",
        new HttpEntity<>(csvUpload(null, "olga@fair.example"), multipart(key)), JsonNode.class);
    ResponseEntity<String> readingImport = rest.exchange("/api/leads/imports/{id}", HttpMethod.GET,
        new HttpEntity<>(key), String.class, othersImport);
    ResponseEntity<String> readingOwnImport = rest.exchange("/api/leads/imports/{id}", HttpMethod.GET,
        new HttpEntity<>(key), String.class, ownChannel.getBody().get("id").asText());
    ResponseEntity<String> keyWithoutChannel = rest.withBasicAuth(ADMIN, PASSWORD).postForEntity(
        "/api/admin/api-keys", Map.of("name", "any-channel"), String.class);

    assertThat(otherChannel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(otherChannel.getBody()).contains("\"field\":\"channel\"");
    assertThat(ownChannel.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(ownChannel.getBody().get("channel").asText()).isEqualTo("trade-show");
    assertThat(readingImport.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(readingImport.getBody()).doesNotContain("mona@bought.example");
    assertThat(readingOwnImport.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(keyWithoutChannel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(keyWithoutChannel.getBody()).contains("\"field\":\"channel\"");
  }

  private String handRaiser(String email) {
    Map<String, Object> lead = new HashMap<>(Map.of("email", email, "firstName", "Ada", "lastName", "Quinn",
        "company", "Quinn Systems", "jobTitle", "CTO", "country", "DE", "sourceChannel", "web-form",
        "requestType", "DEMO", "industry", "SOFTWARE", "companySize", 2500));
    lead.putAll(Map.of("jobLevel", "DECISION_MAKER", "budget", "CONFIRMED", "timeframe", "WITHIN_3_MONTHS"));
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads", lead,
        JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asText();
  }

  /** The lead's Accept lead task, once the steps that led to it have run (as when a rep opens it). */
  private Task acceptTask(String leadId) {
    Task accept = await().atMost(Duration.ofMinutes(1)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey(Elements.TASK_ACCEPT_LEAD).singleResult(),
        task -> task != null && task.getAssignee() != null);
    awaitQuiet(accept);
    return accept;
  }

  private void awaitQuiet(Task task) {
    await().atMost(Duration.ofMinutes(1)).until(() -> management.createJobQuery()
        .processInstanceId(task.getProcessInstanceId()).executable().count() == 0);
  }

  private Task awaitTask(String leadId, String taskDefinitionKey) {
    return await().atMost(Duration.ofMinutes(1)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(leadId)
        .taskDefinitionKey(taskDefinitionKey).singleResult(), task -> task != null);
  }

  private String stage(String leadId) {
    return jdbc.queryForObject("select stage from leadflow.lead where id = ?::uuid", String.class, leadId);
  }

  /** As a user would, after the steps the last completion started have run: no one else changes the process then. */
  private void submit(String user, Task task, Map<String, Object> values) {
    awaitQuiet(task);
    ResponseEntity<String> answer = rest.withBasicAuth(user, PASSWORD).postForEntity(
        "/engine-rest/task/{id}/submit-form", variables(values), String.class, task.getId());
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private ResponseEntity<String> engine(String user, HttpMethod method, String path, Object body, String id) {
    return rest.withBasicAuth(user, PASSWORD).exchange("/engine-rest" + path, method, new HttpEntity<>(body),
        String.class, id == null ? Map.of() : Map.of("id", id));
  }

  private static Map<String, Object> variable(Object value) {
    return Map.of("value", value);
  }

  private static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, variable(value)));
    return Map.of("variables", variables);
  }

  private static LinkedMultiValueMap<String, Object> csvUpload(String channel, String email) {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource(("email,firstName,lastName,company,country\n" + email
        + ",Mona,Lisa,Louvre Systems,FR\n").getBytes()) {
      @Override
      public String getFilename() {
        return "list.csv";
      }
    });
    if (channel != null) {
      form.add("channel", channel);
    }
    return form;
  }

  private static HttpHeaders multipart(HttpHeaders key) {
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(key);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return headers;
  }

  private static HttpHeaders marketingOpsMultipart() {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(MARKETING_OPS, PASSWORD);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return headers;
  }
}
