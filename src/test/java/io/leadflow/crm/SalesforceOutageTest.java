package io.leadflow.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.leadflow.lifecycle.LeadLifecycle.Elements.*;
import static io.leadflow.lifecycle.LeadLifecycle.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadflow.CrashBeforeCommit;
import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LifecycleDriver;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lifecycle with Salesforce as the CRM, when Salesforce fails: the step waits and retries, shows an incident a
 * manager understands, finishes once Salesforce is back, never duplicates a record, sends lead data Salesforce refuses
 * to marketing ops instead of retrying it forever, and stops any other refused write with such an incident.
 * Salesforce is a real HTTP server (WireMock) answering as its REST API does.
 */
@ProcessTest
@SalesforceAsTheCrm
class SalesforceOutageTest {

  static final WireMockServer salesforce = SalesforceServer.shared();

  private static final String LEADS = SalesforceServer.API + "/Lead/Leadflow_Id__c/";
  private static final String TASKS = SalesforceServer.API + "/Task/Leadflow_Activity_Id__c/";
  private static final String OPPORTUNITIES = SalesforceServer.API + "/Opportunity/Leadflow_Opportunity_Id__c/";

  @Autowired ProcessEngine engine;
  @Autowired LifecycleDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    init(engine);
    salesforce.resetAll();
    SalesforceServer.knowsNoUsers(salesforce);
    salesforce.stubFor(post(SalesforceServer.TOKEN).willReturn(okJson("""
        {"access_token":"token-1","instance_url":"%s","token_type":"Bearer"}""".formatted(salesforce.baseUrl()))));
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldRetryWhileSalesforceIsDownShowAnIncidentAndFinishOnceItIsBack() {
    ProcessInstance instance = offered("ada@outage.example");
    salesforce.stubFor(patch(urlPathMatching(LEADS + ".*")).willReturn(aResponse().withStatus(503)));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);

    // the rep accepts; updating the lead in Salesforce fails, and fails again on every retry (R5/PT1M: five attempts
    // a minute apart)
    driver.completeAsAllowingFailures(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    for (int retry = 0; retry < 4; retry++) {
      ClockUtil.setCurrentTime(java.util.Date.from(LifecycleDriver.now().plus(Duration.ofSeconds(61))));
      driver.runDueJobsAllowingFailures();
    }

    Job sync = management.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_SYNC_LEAD_TO_CRM)
        .singleResult();
    assertThat(sync.getRetries()).isZero();
    // meanwhile the rep follows up: the first-contact clock does not wait for the CRM
    assertThat(driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD)).isNotNull();
    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getIncidentMessage())
        .startsWith("Update lead in CRM for Ada Quinn (Quinn Systems), lead " + instance.getBusinessKey())
        .contains("Salesforce");
    salesforce.verify(5, patchRequestedFor(urlEqualTo(LEADS + instance.getBusinessKey())));

    // Salesforce is back; a manager clicks "retry" in Cockpit (which sets the job's retries)
    salesforce.stubFor(patch(urlPathMatching(LEADS + ".*")).willReturn(jsonResponse("""
        {"id":"00Q5e00000AdaQuin","success":true,"errors":[],"created":true}""", 201)));
    management.setJobRetries(sync.getId(), 1);
    driver.waitFor(Duration.ofSeconds(61));

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD)).isNotNull();
    assertThat(jdbc.queryForList("select record_id from leadflow.crm_link where external_id = ?::uuid",
        String.class, instance.getBusinessKey())).containsExactly("00Q5e00000AdaQuin");
  }

  @Test
  void shouldUpdateTheSameRecordWhenTheStepRunsAgainAfterACrashBeforeItsCommit() {
    ProcessInstance instance = offered("grace@outage.example");
    salesforce.stubFor(patch(urlPathMatching(LEADS + ".*")).willReturn(jsonResponse("""
        {"id":"00Q5e00000GraceHo","success":true,"errors":[],"created":true}""", 201)));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);

    // the node dies after Salesforce answered, before the step's transaction (which links the record) commits; the
    // rep's follow-up does not wait for the CRM step
    try (CrashBeforeCommit crash = CrashBeforeCommit.onInsertInto(jdbc, "leadflow.crm_link")) {
      driver.completeAsAllowingFailures(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    }
    salesforce.verify(1, patchRequestedFor(urlEqualTo(LEADS + instance.getBusinessKey())));
    assertThat(jdbc.queryForObject("select count(*) from leadflow.crm_link where external_id = ?::uuid",
        Long.class, instance.getBusinessKey())).isZero();
    assertThat(driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD)).isNotNull();

    // the job runs again
    ClockUtil.setCurrentTime(java.util.Date.from(LifecycleDriver.now().plus(Duration.ofSeconds(61))));
    driver.runDueJobs();

    assertThat(driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD)).isNotNull();
    // both attempts upserted by Leadflow's id: Salesforce holds one record, Leadflow links one
    salesforce.verify(2, patchRequestedFor(urlEqualTo(LEADS + instance.getBusinessKey())));
    assertThat(jdbc.queryForObject("select count(*) from leadflow.crm_link where external_id = ?::uuid",
        Long.class, instance.getBusinessKey())).isOne();
  }

  @Test
  void shouldUpsertTheSameOpportunityWhenCreatingItRunsAgainAfterACrashBeforeItsCommit() {
    ProcessInstance instance = offered("linus@outage.example");
    salesforce.stubFor(patch(urlPathMatching(LEADS + ".*")).willReturn(jsonResponse("""
        {"id":"00Q5e00000LinusQu","success":true,"errors":[],"created":true}""", 201)));
    salesforce.stubFor(patch(urlPathMatching(OPPORTUNITIES + ".*")).willReturn(jsonResponse("""
        {"id":"0065e00000LinusQu","success":true,"errors":[],"created":true}""", 201)));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);

    // the rep qualifies the lead; Salesforce creates the opportunity, then the node dies before the step commits
    try (CrashBeforeCommit crash = CrashBeforeCommit.onInsertInto(jdbc, "public.act_ru_task")) {
      driver.completeAsAllowingFailures(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "QUALIFIED",
          OPPORTUNITY_AMOUNT, 40000, EXPECTED_CLOSE_DATE, "2027-05-31"));
    }
    assertThat(driver.task(instance, TASK_WORK_OPPORTUNITY)).isNull();
    salesforce.verify(1, patchRequestedFor(urlPathMatching(OPPORTUNITIES + ".*")));

    // the job runs again
    ClockUtil.setCurrentTime(java.util.Date.from(LifecycleDriver.now().plus(Duration.ofSeconds(61))));
    driver.runDueJobs();

    assertThat(driver.task(instance, TASK_WORK_OPPORTUNITY)).isNotNull();
    // both attempts upserted the opportunity under one external id: Salesforce holds one opportunity, not two
    assertThat(salesforce.findAll(patchRequestedFor(urlPathMatching(OPPORTUNITIES + ".*"))))
        .hasSize(2)
        .extracting(request -> request.getUrl()).containsOnly(OPPORTUNITIES + runtime.getVariable(instance.getId(),
            OPPORTUNITY_ID));
    assertThat(jdbc.queryForObject("select count(*) from leadflow.crm_link where object_type = 'Opportunity' "
        + "and lead_id = ?::uuid", Long.class, instance.getBusinessKey())).isOne();
  }

  @Test
  void shouldSendDataSalesforceRefusesToMarketingOpsInsteadOfRetrying() {
    ProcessInstance instance = offered("duplicate@outage.example");
    salesforce.stubFor(patch(urlPathMatching(LEADS + ".*")).willReturn(jsonResponse("""
        [{"message":"Use one of these records?","errorCode":"DUPLICATES_DETECTED","fields":[]}]""", 400)));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);

    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));

    assertThat(driver.task(instance, TASK_FIX_LEAD_DATA)).isNotNull();
    assertThat(runtime.getVariable(instance.getId(), CRM_ERROR_CODE)).isEqualTo("DUPLICATES_DETECTED");
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    salesforce.verify(1, patchRequestedFor(urlEqualTo(LEADS + instance.getBusinessKey())));
  }

  @Test
  void shouldStopWithAnIncidentInsteadOfEndingSilentlyWhenSalesforceRefusesAContactAttempt() {
    ProcessInstance instance = accepted("otto@outage.example");
    // a validation rule of the org, nothing marketing ops could fix in the lead's data
    salesforce.stubFor(patch(urlPathMatching(TASKS + ".*")).willReturn(jsonResponse("""
        [{"message":"Describe the call","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":[]}]""", 400)));
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);

    driver.completeAsAllowingFailures(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT",
        CONTACT_CHANNEL, "CALL", CONTACT_OUTCOME, "REACHED"));
    Incident incident = incidentAfterTheLastAttempt(instance);

    assertThat(incident.getActivityId()).isEqualTo(TASK_LOG_CONTACT_ATTEMPT);
    assertThat(incident.getIncidentMessage())
        .startsWith("Log contact attempt for Otto Quinn (Quinn Systems), lead " + instance.getBusinessKey())
        .contains("FIELD_CUSTOM_VALIDATION_EXCEPTION").contains("Describe the call");
    assertThat(driver.task(instance, TASK_FIX_LEAD_DATA)).isNull();

    // the org's admin corrects the rule; a manager retries the step in Cockpit
    salesforce.stubFor(patch(urlPathMatching(TASKS + ".*")).willReturn(jsonResponse("""
        {"id":"00T5e00000OttoQui","success":true,"errors":[],"created":true}""", 201)));
    management.setJobRetries(management.createJobQuery().processInstanceId(instance.getId())
        .activityId(TASK_LOG_CONTACT_ATTEMPT).singleResult().getId(), 1);
    driver.waitFor(Duration.ofSeconds(61));

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD)).isNotNull();
  }

  @Test
  void shouldCloseTheLeadInSalesforceOnceItIsBackWhenTheRepDisqualifiedItDuringAnOutage() {
    ProcessInstance instance = accepted("dora@outage.example");
    String leadUrl = LEADS + instance.getBusinessKey();
    salesforce.stubFor(patch(urlPathMatching(LEADS + ".*")).willReturn(aResponse().withStatus(503)));
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);

    driver.completeAsAllowingFailures(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "DISQUALIFY",
        STAGE_REASON, "No budget this year"));
    for (int retry = 0; retry < 4; retry++) {
      ClockUtil.setCurrentTime(java.util.Date.from(LifecycleDriver.now().plus(Duration.ofSeconds(61))));
      driver.runDueJobsAllowingFailures();
    }

    // the lifecycle has ended; sending its end to Salesforce waits in an incident of its own
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    ProcessInstance update = runtime.createProcessInstanceQuery().processDefinitionKey(CrmLeadUpdate.PROCESS_KEY)
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    Incident incident = runtime.createIncidentQuery().processInstanceId(update.getId()).singleResult();
    assertThat(incident.getIncidentMessage())
        .startsWith("Update lead in CRM for Dora Quinn (Quinn Systems), lead " + instance.getBusinessKey() + ": ")
        .contains("Salesforce is unavailable (HTTP 503)");

    salesforce.stubFor(patch(urlPathMatching(LEADS + ".*")).willReturn(okJson("""
        {"id":"00Q5e00000Accepte","success":true,"errors":[],"created":false}""")));
    management.setJobRetries(management.createJobQuery().processInstanceId(update.getId()).singleResult().getId(), 1);
    driver.waitFor(Duration.ofSeconds(61));

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(update.getId()).count()).isZero();
    salesforce.verify(patchRequestedFor(urlEqualTo(leadUrl))
        .withRequestBody(matchingJsonPath("$.Status", equalTo("Closed - Not Converted")))
        .withRequestBody(matchingJsonPath("$.Description", containing("Leadflow stage: DISQUALIFIED"))));
  }

  @Test
  void shouldStopWithAnIncidentInsteadOfEndingSilentlyWhenSalesforceRefusesAForecast() {
    ProcessInstance instance = opportunity("fiona@outage.example");
    salesforce.stubFor(patch(urlPathMatching(OPPORTUNITIES + ".*")).willReturn(jsonResponse("""
        [{"message":"Close Date must be in this fiscal year","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION",
          "fields":["CloseDate"]}]""", 400)));
    Task work = driver.task(instance, TASK_WORK_OPPORTUNITY);

    driver.completeAsAllowingFailures(work.getAssignee(), work, Map.of(OPPORTUNITY_OUTCOME, "UPDATE",
        OPPORTUNITY_AMOUNT, 60000, EXPECTED_CLOSE_DATE, "2029-12-31"));
    Incident incident = incidentAfterTheLastAttempt(instance);

    assertThat(incident.getActivityId()).isEqualTo(TASK_UPDATE_FORECAST);
    assertThat(incident.getIncidentMessage()).startsWith("Update forecast for Fiona Quinn")
        .contains("Close Date must be in this fiscal year");
    assertThat(driver.task(instance, TASK_FIX_LEAD_DATA)).isNull();
  }

  @Test
  void shouldStopWithAnIncidentInsteadOfEndingSilentlyWhenSalesforceRefusesAnOutcome() {
    ProcessInstance instance = opportunity("oscar@outage.example");
    salesforce.stubFor(patch(urlPathMatching(OPPORTUNITIES + ".*")).willReturn(jsonResponse("""
        [{"message":"Pick a Loss Reason","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":[]}]""", 400)));
    Task work = driver.task(instance, TASK_WORK_OPPORTUNITY);

    driver.completeAsAllowingFailures(work.getAssignee(), work, Map.of(OPPORTUNITY_OUTCOME, "LOST",
        LOST_TO, "RivalSoft", LOST_REASON, "Cheaper"));
    Incident incident = incidentAfterTheLastAttempt(instance);

    assertThat(incident.getActivityId()).isEqualTo(TASK_RECORD_OPPORTUNITY_OUTCOME);
    assertThat(incident.getIncidentMessage()).startsWith("Record outcome in CRM for Oscar Quinn")
        .contains("Pick a Loss Reason");
    assertThat(driver.task(instance, TASK_FIX_LEAD_DATA)).isNull();
  }

  private ProcessInstance offered(String email) {
    ProcessInstance instance = driver.instance(driver.handRaiser(email, "DE"));
    driver.runDueJobs();
    assertThat(driver.task(instance, TASK_ACCEPT_LEAD)).isNotNull();
    return instance;
  }

  private ProcessInstance accepted(String email) {
    ProcessInstance instance = offered(email);
    salesforce.stubFor(patch(urlPathMatching(LEADS + ".*")).willReturn(jsonResponse("""
        {"id":"00Q5e00000Accepte","success":true,"errors":[],"created":true}""", 201)));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    assertThat(driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD)).isNotNull();
    return instance;
  }

  private ProcessInstance opportunity(String email) {
    ProcessInstance instance = accepted(email);
    salesforce.stubFor(patch(urlPathMatching(OPPORTUNITIES + ".*")).willReturn(jsonResponse("""
        {"id":"0065e00000Opportu","success":true,"errors":[],"created":true}""", 201)));
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "QUALIFIED",
        OPPORTUNITY_AMOUNT, 50000, EXPECTED_CLOSE_DATE, "2027-05-31"));
    assertThat(driver.task(instance, TASK_WORK_OPPORTUNITY)).isNotNull();
    return instance;
  }

  /** The failed step's retries (R5/PT1M: five attempts a minute apart) run out; the lead waits there, visibly. */
  private Incident incidentAfterTheLastAttempt(ProcessInstance instance) {
    for (int retry = 0; retry < 4; retry++) {
      ClockUtil.setCurrentTime(java.util.Date.from(LifecycleDriver.now().plus(Duration.ofSeconds(61))));
      driver.runDueJobsAllowingFailures();
    }
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isOne();
    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).as("an incident in Cockpit").isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    return incident;
  }
}
