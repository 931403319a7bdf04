package io.leadflow.crm;

import static io.leadflow.crm.CrmLeadUpdate.Elements.*;
import static io.leadflow.lifecycle.LeadLifecycle.Elements.TASK_ACCEPT_LEAD;
import static io.leadflow.lifecycle.LeadLifecycle.Elements.TASK_FOLLOW_UP_WITH_LEAD;
import static io.leadflow.lifecycle.LeadLifecycle.Variables.ACCEPT_OUTCOME;
import static io.leadflow.lifecycle.LeadLifecycle.Variables.FOLLOW_UP_OUTCOME;
import static io.leadflow.lifecycle.LeadLifecycle.Variables.STAGE_REASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.ProcessCoverage;
import io.leadflow.ProcessTest;
import io.leadflow.erasure.ErasureRequests;
import io.leadflow.lifecycle.LifecycleDriver;
import io.leadflow.routing.LeadReassignment;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bpmn/CrmLeadUpdate.bpmn with the built-in CRM: once the CRM holds a lead, each new stage and owner reaches the CRM,
 * also after the lifecycle ended; an erased lead loses the person there too; a refused update stops with an incident
 * that names the lead, and the stage change itself stays.
 */
@ProcessTest
@ProcessCoverage(passedThrough = {"LeadLifecycle", "LeadNurture", "PrintedKit", "LeadProcessReview", "LogInquiry"})
class CrmLeadUpdateProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired LifecycleDriver driver;
  @Autowired ErasureRequests erasures;
  @Autowired LeadReassignment reassignment;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldSendTheDisqualificationOfALeadTheCrmHoldsThoughItsLifecycleEnded() {
    ProcessInstance lifecycle = accepted("crm-disqualified@quinn.example");
    UUID leadId = UUID.fromString(lifecycle.getBusinessKey());
    assertThat(crmStage(leadId)).isEqualTo("SAL");
    assertThat(updates(leadId)).isEmpty();

    disqualify(lifecycle);

    BpmnAwareTests.assertThat(lifecycle).isEnded();
    assertThat(updates(leadId)).hasSize(1);
    HistoricProcessInstance update = updates(leadId).get(0);
    assertThat(update.getEndTime()).isNotNull();
    assertThat(passed(update)).containsExactly(START_LEAD_CHANGED, TASK_UPDATE_LEAD_IN_CRM, END_CRM_UP_TO_DATE);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(update.getId())
        .variableName(CrmLeadUpdate.Variables.CHANGE).singleResult().getValue()).isEqualTo("stage DISQUALIFIED");
    assertThat(crmStage(leadId)).isEqualTo("DISQUALIFIED");
  }

  @Test
  void shouldSendTheNewOwnerWhenTheLeadIsHandedToAnotherRepInTasklist() {
    ProcessInstance lifecycle = accepted("crm-new-owner@quinn.example");
    UUID leadId = UUID.fromString(lifecycle.getBusinessKey());
    Task followUp = driver.task(lifecycle, TASK_FOLLOW_UP_WITH_LEAD);
    String teammate = teammateOf(followUp.getAssignee());

    tasks.setAssignee(followUp.getId(), teammate);
    driver.runDueJobs();

    assertThat(updates(leadId)).hasSize(1);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(updates(leadId).get(0).getId())
        .variableName(CrmLeadUpdate.Variables.CHANGE).singleResult().getValue()).isEqualTo("owner " + teammate);
    assertThat(crmOwner(leadId)).isEqualTo(emailOf(teammate));
  }

  @Test
  void shouldSendTheNewOwnerWhenAManagerReassignsTheLeadThroughTheApi() {
    ProcessInstance lifecycle = accepted("crm-reassigned@quinn.example");
    UUID leadId = UUID.fromString(lifecycle.getBusinessKey());
    String teammate = teammateOf(driver.task(lifecycle, TASK_FOLLOW_UP_WITH_LEAD).getAssignee());

    // as PUT /api/leads/{id}/owner runs it: with the manager's engine authorizations, which start no processes
    identity.setAuthentication("max", identity.createGroupQuery().groupMember("max").list().stream()
        .map(Group::getId).toList());
    try {
      reassignment.reassign(leadId, teammate, "Speaks the language", "max", LifecycleDriver.now());
    } finally {
      identity.clearAuthentication();
    }
    driver.runDueJobs();

    assertThat(updates(leadId)).hasSize(1);
    assertThat(crmOwner(leadId)).isEqualTo(emailOf(teammate));
  }

  @Test
  void shouldLeaveTheCrmAloneWhileItDoesNotHoldTheLead() {
    UUID offered = driver.handRaiser("crm-not-yet@quinn.example", "DE");
    UUID nurtured = driver.notReady("crm-never@berg.example");
    driver.runDueJobs();

    assertThat(driver.task(driver.instance(offered), TASK_ACCEPT_LEAD)).isNotNull();
    assertThat(updates(offered)).isEmpty();
    assertThat(updates(nurtured)).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from leadflow.crm_lead where external_id in (?, ?)",
        Integer.class, offered, nurtured)).isZero();
  }

  @Test
  void shouldTakeThePersonOutOfTheCrmWhenAClosedLeadIsErased() {
    ProcessInstance lifecycle = accepted("crm-erased@quinn.example");
    UUID leadId = UUID.fromString(lifecycle.getBusinessKey());
    disqualify(lifecycle);

    erasures.erase(leadId, "Ticket DPO-77", "admin");
    driver.runDueJobs();

    assertThat(updates(leadId)).hasSize(2).allSatisfy(update -> assertThat(update.getEndTime()).isNotNull());
    assertThat(jdbc.queryForMap("select email, first_name, last_name, phone, stage from leadflow.crm_lead "
        + "where external_id = ?", leadId)).containsEntry("email", "erased-" + leadId + "@erased.invalid")
        .containsEntry("stage", "ERASED").containsEntry("first_name", null).containsEntry("last_name", null).containsEntry("phone", null);
  }

  @Test
  void shouldStopWithAnIncidentNamingTheLeadWhenTheCrmRefusesAndFinishOnceTheCauseIsGone() {
    ProcessInstance lifecycle = accepted("crm-refused@quinn.example");
    UUID leadId = UUID.fromString(lifecycle.getBusinessKey());
    // someone created the same person at the same company in the CRM by hand, under another address
    jdbc.update("""
        insert into leadflow.crm_lead (external_id, email, first_name, last_name, company, created_at, updated_at)
        values (?, 'crm.refused@other.example', 'Crmrefused', 'Quinn', 'Quinn Systems', now(), now())""",
        UUID.randomUUID());

    Task followUp = driver.task(lifecycle, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAsAllowingFailures(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "DISQUALIFY",
        STAGE_REASON, "Bought a competitor last week"));
    for (int retry = 0; retry < 4; retry++) {
      ClockUtil.setCurrentTime(Date.from(LifecycleDriver.now().plus(Duration.ofSeconds(61))));
      driver.runDueJobsAllowingFailures();
    }

    // Leadflow has the change; the CRM does not, and Cockpit says which lead and why
    assertThat(jdbc.queryForObject("select stage from leadflow.lead where id = ?", String.class, leadId))
        .isEqualTo("DISQUALIFIED");
    assertThat(crmStage(leadId)).isEqualTo("SAL");
    String update = updates(leadId).get(0).getId();
    Incident incident = runtime.createIncidentQuery().processInstanceId(update).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(TASK_UPDATE_LEAD_IN_CRM);
    assertThat(incident.getIncidentMessage())
        .startsWith("Update lead in CRM for Crmrefused Quinn (Quinn Systems), lead " + leadId + ": ")
        .contains("The built-in CRM refused the lead", "under another email address");

    // the duplicate is merged in the CRM; a manager retries in Cockpit
    jdbc.update("delete from leadflow.crm_lead where email = 'crm.refused@other.example'");
    Job job = management.createJobQuery().processInstanceId(update).singleResult();
    management.setJobRetries(job.getId(), 1);
    driver.waitFor(Duration.ofSeconds(61));

    assertThat(runtime.createIncidentQuery().processInstanceId(update).count()).isZero();
    assertThat(crmStage(leadId)).isEqualTo("DISQUALIFIED");
  }

  private ProcessInstance accepted(String email) {
    ProcessInstance lifecycle = driver.instance(driver.handRaiser(email, "DE"));
    driver.runDueJobs();
    Task accept = driver.task(lifecycle, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    assertThat(driver.task(lifecycle, TASK_FOLLOW_UP_WITH_LEAD)).isNotNull();
    return lifecycle;
  }

  private void disqualify(ProcessInstance lifecycle) {
    Task followUp = driver.task(lifecycle, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "DISQUALIFY",
        STAGE_REASON, "Bought a competitor last week"));
  }

  private String teammateOf(String rep) {
    return jdbc.queryForObject("""
        select user_id from leadflow.sales_rep
        where team_id = (select team_id from leadflow.sales_rep where user_id = ?) and user_id <> ?
        order by user_id limit 1""", String.class, rep, rep);
  }

  private String emailOf(String rep) {
    return jdbc.queryForObject("select email from leadflow.sales_rep where user_id = ?", String.class, rep);
  }

  private String crmOwner(UUID leadId) {
    return jdbc.queryForObject("select owner_email from leadflow.crm_lead where external_id = ?", String.class,
        leadId);
  }

  private List<HistoricProcessInstance> updates(UUID leadId) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(CrmLeadUpdate.PROCESS_KEY)
        .processInstanceBusinessKey(leadId.toString()).orderByProcessInstanceStartTime().asc().list();
  }

  private List<String> passed(HistoricProcessInstance instance) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).finished()
        .orderPartiallyByOccurrence().asc().list().stream().map(HistoricActivityInstance::getActivityId).toList();
  }

  private String crmStage(UUID leadId) {
    return jdbc.queryForObject("select stage from leadflow.crm_lead where external_id = ?", String.class, leadId);
  }
}
