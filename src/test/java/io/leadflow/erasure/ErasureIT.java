package io.leadflow.erasure;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.fulfilment.PrintedKit;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.nurture.LeadNurture;
import io.leadflow.nurture.Unsubscribes;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A person's request to be forgotten, through {@code POST /api/leads/{id}/erasure}: a running lead is erased by its
 * lifecycle (run by the job executor), a closed one at once; either way the personal data is gone and the request is
 * on record.
 */
@LeadflowIntegrationTest
class ErasureIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired Unsubscribes unsubscribes;

  @Test
  void shouldEraseARunningLeadThroughItsLifecycleAndWithdrawItsPrintedKit() {
    String leadId = nurturedLead("pia.erase@quinn-systems.example");
    noteOnTheLead(leadId, "Pia's mobile is +49 170 1234567");
    runtime.createMessageCorrelation(PrintedKit.MESSAGE_PRINTED_KIT_ORDERED).processInstanceBusinessKey(leadId)
        .setVariable(PrintedKit.Variables.LEAD_ID, leadId)
        .setVariable(PrintedKit.Variables.PRINTED_KIT_REASON, "Top-grade fit (A) in MID_MARKET")
        .correlateStartMessage();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(leadId)
        .taskDefinitionKey(PrintedKit.Elements.TASK_SEND_PRINTED_KIT).count()).isEqualTo(1);

    ResponseEntity<JsonNode> requested = erase(MARKETING_OPS, leadId, "Ticket DPO-481");

    assertThat(requested.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(requested.getBody().get("outcome").asText()).isEqualTo("ERASURE_STARTED");
    assertThat(requested.getBody().get("printedKitsWithdrawn").asInt()).isEqualTo(1);
    JsonNode lead = awaitStage(leadId, "ERASED");
    HistoricProcessInstance lifecycle = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LeadLifecycle.PROCESS_KEY).processInstanceBusinessKey(leadId).singleResult();
    assertThat(lifecycle.getEndTime()).isNotNull();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(lifecycle.getId())
        .activityId(LeadLifecycle.Elements.END_LEAD_ERASED).finished().count()).isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count())
        .as("lifecycle, nurture and printed kit of the lead still running").isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(LeadNurture.PROCESS_KEY)
        .processInstanceBusinessKey(leadId).finished().count()).isEqualTo(1);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(PrintedKit.PROCESS_KEY)
        .processInstanceBusinessKey(leadId).singleResult().getDeleteReason())
        .isEqualTo(ErasureRequests.WITHDRAWN);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(leadId).count()).isZero();
    assertPersonalDataGone(leadId, lead);
    assertThat(lead.get("notes").findValuesAsText("subject")).contains("Erasure requested: Ticket DPO-481");

    ResponseEntity<JsonNode> again = erase(ADMIN, leadId, "Ticket DPO-481, asked again");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("outcome").asText()).isEqualTo("ALREADY_ERASED");
  }

  @Test
  void shouldEraseALeadWhoseLifecycleHasEndedAtOnce() {
    String leadId = nurturedLead("otto.erase@quinn-systems.example");
    noteOnTheLead(leadId, "Otto lives at Lindenweg 4");
    unsubscribes.unsubscribe(UUID.fromString(leadId), "Unsubscribe link");
    awaitStage(leadId, "UNSUBSCRIBED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isZero();

    ResponseEntity<JsonNode> erased = erase(ADMIN, leadId, "Email to privacy@ of 3 May, ticket DPO-482");

    assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(erased.getBody().get("outcome").asText()).isEqualTo("ERASED");
    assertThat(erased.getBody().get("erasedAt").isTextual()).isTrue();
    JsonNode lead = rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId);
    assertThat(lead.get("stage").asText()).isEqualTo("ERASED");
    assertThat(jdbc.queryForList("select from_stage, to_stage, changed_by from leadflow.lead_stage_change "
        + "where lead_id = ?::uuid order by changed_at desc, id desc limit 1", leadId))
        .extracting(row -> row.get("from_stage") + ">" + row.get("to_stage") + " by " + row.get("changed_by"))
        .containsExactly("UNSUBSCRIBED>ERASED by admin");
    assertPersonalDataGone(leadId, lead);

    ResponseEntity<JsonNode> again = erase(ADMIN, leadId, "Ticket DPO-482");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("outcome").asText()).isEqualTo("ALREADY_ERASED");
    assertThat(again.getBody().get("erasedAt").asText()).isEqualTo(erased.getBody().get("erasedAt").asText());
  }

  @Test
  void shouldLetNeitherRepsNorTheirManagersErase() {
    String leadId = nurturedLead("nora.erase@quinn-systems.example");

    assertThat(erase(REP_EMEA, leadId, "Ticket DPO-483").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(erase(MANAGER, leadId, "Ticket DPO-483").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(jdbc.queryForObject("select erased_at is null and first_name = 'Pia' from leadflow.lead "
        + "where id = ?::uuid", Boolean.class, leadId)).isTrue();
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownLeadAndNameAMissingReason() {
    ResponseEntity<JsonNode> unknown = erase(ADMIN, UUID.randomUUID().toString(), "Ticket DPO-484");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");

    ResponseEntity<JsonNode> noReason = rest.withBasicAuth(ADMIN, PASSWORD).postForEntity(
        "/api/leads/{id}/erasure", Map.of("reason", " "), JsonNode.class, UUID.randomUUID());
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody().get("errors").findValuesAsText("field")).containsExactly("reason");
  }

  private void assertPersonalDataGone(String leadId, JsonNode lead) {
    assertThat(lead.get("email").asText()).isEqualTo("erased-" + leadId + "@erased.invalid");
    assertThat(lead.get("firstName").isNull()).isTrue();
    assertThat(lead.get("lastName").isNull()).isTrue();
    assertThat(lead.get("company").asText()).isEqualTo("Quinn Systems");
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_activity where lead_id = ?::uuid "
        + "and note is not null", Integer.class, leadId)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_activity where lead_id = ?::uuid",
        Integer.class, leadId)).isGreaterThan(1);
  }

  private ResponseEntity<JsonNode> erase(String user, String leadId, String reason) {
    return rest.withBasicAuth(user, PASSWORD).postForEntity("/api/leads/{id}/erasure", Map.of("reason", reason),
        JsonNode.class, leadId);
  }

  private String nurturedLead(String email) {
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        Map.ofEntries(Map.entry("email", email), Map.entry("firstName", "Pia"), Map.entry("lastName", "Quinn"),
            Map.entry("company", "Quinn Systems"), Map.entry("country", "DE"), Map.entry("phone", "+49 30 1234567"),
            Map.entry("sourceChannel", "content-download"), Map.entry("requestType", "CONTENT_DOWNLOAD"),
            Map.entry("asset", "roi-guide"), Map.entry("marketingConsent", true)),
        JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String leadId = created.getBody().get("id").asText();
    awaitStage(leadId, "NURTURE");
    await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(LeadNurture.PROCESS_KEY).processInstanceBusinessKey(leadId).count() == 1);
    return leadId;
  }

  private void noteOnTheLead(String leadId, String note) {
    jdbc.update("insert into leadflow.lead_activity (id, lead_id, type, occurred_at, subject, note, recorded_by) "
        + "values (?, ?::uuid, 'NOTE', now(), 'Call', ?, 'mia')", UUID.randomUUID(), leadId, note);
  }

  private JsonNode awaitStage(String leadId, String stage) {
    return await().atMost(Duration.ofSeconds(60)).until(
        () -> rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId),
        lead -> lead != null && lead.path("stage").asText().equals(stage));
  }
}
