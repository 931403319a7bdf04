package io.leadflow.routing;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.Mailbox;
import io.leadflow.lifecycle.LeadLifecycle;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The admin API for routing data and the one-call reassignment, over HTTP with the demo users. */
@LeadflowIntegrationTest
class SalesOrganisationIT {

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identity;
  @Autowired SalesTeamRepository teams;
  @Autowired SalesRepRepository reps;
  @Autowired CustomerAccountRepository customers;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired Mailbox mailbox;

  @Test
  void shouldCreateATeamWithItsCamundaGroup() {
    ResponseEntity<JsonNode> saved = put(ADMIN, "/api/admin/teams/sales-dach", Map.of("name", "Sales DACH",
        "timeZone", "Europe/Vienna", "workStart", "08:00", "workEnd", "16:30",
        "workDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY"), "holidayCalendar", "AT",
        "manager", MANAGER));

    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(saved.getBody().get("timeZone").asText()).isEqualTo("Europe/Vienna");
    assertThat(teams.findById("sales-dach")).hasValueSatisfying(team -> {
      assertThat(team.getWorkEnd()).hasToString("16:30");
      assertThat(team.getWorkDays()).hasSize(4);
    });
    assertThat(identity.createGroupQuery().groupId("sales-dach").singleResult().getName()).isEqualTo("Sales DACH");
  }

  @Test
  void shouldNameEveryBadFieldOfATeamAndStoreNothing() {
    Map<String, Object> body = new HashMap<>(Map.of("name", "Sales Mars", "timeZone", "Mars/Olympus",
        "workStart", "17:00", "workEnd", "09:00", "workDays", List.of("MONDAY"), "manager", "nobody"));

    ResponseEntity<JsonNode> rejected = put(ADMIN, "/api/admin/teams/sales-mars", body);

    assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rejected.getBody().get("errors").findValuesAsText("field"))
        .containsExactly("manager", "timeZone", "workEnd");
    assertThat(teams.existsById("sales-mars")).isFalse();
    assertThat(identity.createGroupQuery().groupId("sales-mars").count()).isZero();

    body.remove("workDays");
    body.put("timeZone", "Europe/Paris");
    assertThat(put(ADMIN, "/api/admin/teams/sales-mars", body).getBody().get("errors").findValuesAsText("field"))
        .contains("workDays");

    // PostgreSQL cannot store it: refused before anything looks the manager up
    body.put("workDays", List.of("MONDAY"));
    body.put("manager", "max\u0000");
    JsonNode nul = put(ADMIN, "/api/admin/teams/sales-mars", body).getBody();
    assertThat(nul.get("errors").findValuesAsText("field")).containsExactly("manager");
    assertThat(nul.get("errors").findValuesAsText("detail"))
        .containsExactly("must not contain the NUL character (\\u0000)");
    assertThat(teams.existsById("sales-mars")).isFalse();
  }

  @Test
  void shouldLetOnlyAdminsChangeRoutingData() {
    Map<String, Object> team = Map.of("name", "Sneaky", "timeZone", "UTC", "workStart", "09:00", "workEnd", "17:00",
        "workDays", List.of("MONDAY"));

    assertThat(put(MARKETING_OPS, "/api/admin/teams/sneaky", team).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put(MANAGER, "/api/admin/teams/sneaky", team).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put(REP_EMEA, "/api/admin/reps/sam", Map.of("team", "sales-emea", "capacity", 999))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(teams.existsById("sneaky")).isFalse();
    assertThat(reps.findById("sam").orElseThrow().getCapacity()).isNotEqualTo(999);
  }

  @Test
  void shouldLetManagersMarkARepOutOfOffice() {
    ResponseEntity<JsonNode> away = put(MANAGER, "/api/admin/reps/omar/out-of-office",
        Map.of("from", "2030-07-01", "until", "2030-07-14"));
    ResponseEntity<JsonNode> reversed = put(MANAGER, "/api/admin/reps/omar/out-of-office",
        Map.of("from", "2030-08-14", "until", "2030-08-01"));
    ResponseEntity<JsonNode> byRep = put(REP_EMEA, "/api/admin/reps/omar/out-of-office", Map.of("from", "2030-01-01"));

    assertThat(away.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reversed.getBody().get("errors").findValuesAsText("field")).containsExactly("until");
    assertThat(byRep.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(reps.findById("omar").orElseThrow().getOutOfOfficeUntil()).hasToString("2030-07-14");
    assertThat(rest.withBasicAuth(MANAGER, PASSWORD).exchange("/api/admin/reps/omar/out-of-office",
        HttpMethod.DELETE, null, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reps.findById("omar").orElseThrow().getOutOfOfficeFrom()).isNull();
  }

  @Test
  void shouldRejectARepWhoIsNoUserAndAnAccountOwnedByNoRep() {
    ResponseEntity<JsonNode> rep = put(ADMIN, "/api/admin/reps/ghost", Map.of("team", "sales-nowhere",
        "capacity", -1));
    ResponseEntity<JsonNode> rep2 = put(ADMIN, "/api/admin/reps/ghost", Map.of("team", "sales-nowhere",
        "capacity", 5));
    ResponseEntity<JsonNode> account = put(ADMIN, "/api/admin/customer-accounts/hooli.example",
        Map.of("name", "Hooli", "owner", "ghost"));
    ResponseEntity<JsonNode> badDomain = put(ADMIN, "/api/admin/customer-accounts/Not a domain",
        Map.of("name", "Hooli", "owner", "sam"));

    assertThat(rep.getBody().get("errors").findValuesAsText("field")).containsExactly("capacity");
    assertThat(rep2.getBody().get("errors").findValuesAsText("field")).containsExactly("team", "userId");
    assertThat(account.getBody().get("errors").findValuesAsText("field")).containsExactly("owner");
    assertThat(badDomain.getBody().get("errors").findValuesAsText("field")).containsExactly("domain");
    assertThat(reps.existsById("ghost")).isFalse();
    assertThat(customers.existsById("hooli.example")).isFalse();
  }

  @Test
  void shouldRouteANewCustomersLeadToTheOwnerAnAdminGave() {
    ResponseEntity<JsonNode> account = put(ADMIN, "/api/admin/customer-accounts/pied-piper.example",
        Map.of("name", "Pied Piper", "owner", "omar"));
    assertThat(account.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(account.getBody().get("teamId").asText()).isEqualTo("sales-americas");

    String leadId = postLead("richard@pied-piper.example", "DE");

    Task accept = awaitTask(leadId, "Task_AcceptLead");
    assertThat(accept.getAssignee()).isEqualTo("omar");
    JsonNode lead = rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId);
    assertThat(lead.toString()).contains("Existing customer Pied Piper: goes to the account owner");
  }

  @Test
  void shouldReassignALeadInOneCall() {
    String leadId = postLead("dinesh@gilfoyle-systems.example", "DE");
    Task accept = awaitTask(leadId, "Task_AcceptLead");
    String other = "sam".equals(accept.getAssignee()) ? "lena" : "sam";

    ResponseEntity<JsonNode> byRep = put(REP_EMEA, "/api/leads/" + leadId + "/owner", Map.of("rep", other));
    ResponseEntity<JsonNode> unknown = put(MANAGER, "/api/leads/" + leadId + "/owner", Map.of("rep", "ghost"));
    ResponseEntity<JsonNode> done = put(MANAGER, "/api/leads/" + leadId + "/owner",
        Map.of("rep", other, "note", "Speaks the customer's language"));

    assertThat(byRep.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(unknown.getBody().get("errors").findValuesAsText("field")).containsExactly("rep");
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getBody().get("taskIds").get(0).asText()).isEqualTo(accept.getId());
    assertThat(tasks.createTaskQuery().taskId(accept.getId()).singleResult().getAssignee()).isEqualTo(other);
    assertThat(runtime.getVariable(accept.getProcessInstanceId(), LeadLifecycle.Variables.SALES_REP))
        .isEqualTo(other);
    assertThat((String) runtime.getVariable(accept.getProcessInstanceId(), LeadLifecycle.Variables.ROUTING_REASON))
        .isEqualTo("Reassigned by max from " + accept.getAssignee() + ": Speaks the customer's language");
    JsonNode lead = rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId);
    assertThat(lead.toString()).contains("\"" + other + "\"");
  }

  @Test
  void shouldTakeTheTaskAwayFromTheOldTeamWhenALeadGoesToAnotherTeam() {
    String leadId = postLead("gavin@hooli-xyz.example", "DE");
    Task accept = awaitTask(leadId, "Task_AcceptLead");
    assertThat(tasks.getIdentityLinksForTask(accept.getId())).extracting(link -> link.getGroupId())
        .contains("sales-emea");

    ResponseEntity<JsonNode> moved = put(MANAGER, "/api/leads/" + leadId + "/owner", Map.of("rep", REP_AMERICAS));

    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
    // both reps of EMEA, the one who had the task among them, lose it: not listed, not to be completed
    for (String oldTeam : List.of(REP_EMEA, "lena")) {
      assertThat(tasksSeenBy(oldTeam, leadId)).as(oldTeam).isEmpty();
      assertThat(submitAccept(oldTeam, accept.getId()).getStatusCode()).as(oldTeam).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(tasks.getIdentityLinksForTask(accept.getId())).extracting(link -> link.getGroupId())
        .doesNotContain("sales-emea").contains("sales-americas");
    assertThat(tasksSeenBy("omar", leadId)).as("omar, Americas").hasSize(1);
    assertThat(submitAccept(REP_AMERICAS, accept.getId()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(tasks.createTaskQuery().taskId(accept.getId()).count()).isZero();
  }

  @Test
  void shouldTakeTheTaskAwayFromTheOldTeamWhenAManagerAssignsItToAnotherTeamsRepInTasklist() {
    String leadId = postLead("monica@raviga-capital.example", "DE");
    Task accept = awaitTask(leadId, "Task_AcceptLead");

    // what Tasklist sends when a manager types another assignee
    ResponseEntity<String> assigned = rest.withBasicAuth(MANAGER, PASSWORD).postForEntity(
        "/engine-rest/task/{id}/assignee", Map.of("userId", REP_AMERICAS), String.class, accept.getId());

    assertThat(assigned.getStatusCode()).as(assigned.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    for (String oldTeam : List.of(REP_EMEA, "lena")) {
      assertThat(tasksSeenBy(oldTeam, leadId)).as(oldTeam).isEmpty();
      assertThat(submitAccept(oldTeam, accept.getId()).getStatusCode()).as(oldTeam).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(tasks.getIdentityLinksForTask(accept.getId())).extracting(link -> link.getGroupId())
        .doesNotContain("sales-emea").contains("sales-americas");
    assertThat(runtime.getVariables(accept.getProcessInstanceId(),
        List.of(LeadLifecycle.Variables.SALES_TEAM, LeadLifecycle.Variables.SALES_REP)))
        .containsEntry(LeadLifecycle.Variables.SALES_TEAM, "sales-americas")
        .containsEntry(LeadLifecycle.Variables.SALES_REP, REP_AMERICAS);
    JsonNode owner = rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId)
        .get("owner");
    assertThat(owner.get("team").asText()).isEqualTo("sales-americas");
    assertThat(owner.get("rep").asText()).isEqualTo(REP_AMERICAS);
    assertThat(tasksSeenBy("omar", leadId)).as("omar, Americas").hasSize(1);
    assertThat(submitAccept(REP_AMERICAS, accept.getId()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void shouldQueueALeadNobodyCanTakeAndTellTheManager() throws Exception {
    var nils = identity.newUser("nils");
    nils.setFirstName("Nils");
    nils.setLastName("Fjord");
    nils.setEmail("nils@leadflow.example");
    nils.setPassword(PASSWORD);
    identity.saveUser(nils);
    assertThat(put(ADMIN, "/api/admin/teams/sales-nordics", Map.of("name", "Sales Nordics",
        "timeZone", "Europe/Oslo", "workStart", "08:00", "workEnd", "16:00",
        "workDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), "manager", MANAGER))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(put(ADMIN, "/api/admin/reps/nils", Map.of("team", "sales-nordics", "capacity", 10))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(put(MANAGER, "/api/admin/reps/nils/out-of-office", Map.of("from", "2020-01-01"))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(put(ADMIN, "/api/admin/customer-accounts/fjordline.example",
        Map.of("name", "Fjord Line", "owner", "nils")).getStatusCode()).isEqualTo(HttpStatus.OK);

    String leadId = postLead("ingrid@fjordline.example", "NO");

    Task accept = awaitTask(leadId, "Task_AcceptLead");
    assertThat(accept.getAssignee()).isNull();
    assertThat(tasks.getIdentityLinksForTask(accept.getId())).extracting(link -> link.getGroupId())
        .contains("sales-nordics");
    assertThat((String) runtime.getVariable(accept.getProcessInstanceId(), LeadLifecycle.Variables.ROUTING_REASON))
        .contains("nils is not available").contains("waiting in the team's queue");
    await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.receivedBy("max@leadflow.example").stream()
        .anyMatch(mail -> body(mail).contains("waits in the team's queue") && body(mail).contains("Fjord Line")));
  }

  private static String body(jakarta.mail.internet.MimeMessage mail) {
    try {
      return new String(mail.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ResponseEntity<JsonNode> put(String user, String path, Map<String, Object> body) {
    return rest.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.PUT, new HttpEntity<>(body),
        JsonNode.class);
  }

  private JsonNode tasksSeenBy(String user, String leadId) {
    return rest.withBasicAuth(user, PASSWORD).getForObject(
        "/engine-rest/task?processInstanceBusinessKey={id}&maxResults=10", JsonNode.class, leadId);
  }

  private ResponseEntity<String> submitAccept(String user, String taskId) {
    return rest.withBasicAuth(user, PASSWORD).postForEntity("/engine-rest/task/{id}/submit-form",
        Map.of("variables", Map.of(LeadLifecycle.Variables.ACCEPT_OUTCOME, Map.of("value", "ACCEPT"))),
        String.class, taskId);
  }

  private String postLead(String email, String country) {
    Map<String, Object> lead = new HashMap<>(Map.of("email", email, "firstName", "Jared", "lastName", "Dunn",
        "company", email.substring(email.indexOf('@') + 1), "jobTitle", "Head of IT", "country", country,
        "sourceChannel", "web-form", "campaign", "demo-day", "requestType", "DEMO"));
    lead.putAll(Map.of("industry", "SOFTWARE", "companySize", 1200, "jobLevel", "DECISION_MAKER",
        "budget", "CONFIRMED", "timeframe", "WITHIN_3_MONTHS", "marketingConsent", true));
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD)
        .postForEntity("/api/leads", lead, JsonNode.class);
    assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asText();
  }

  private Task awaitTask(String leadId, String key) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey(key).singleResult(), task -> task != null);
  }
}
