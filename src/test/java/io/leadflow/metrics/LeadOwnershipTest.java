package io.leadflow.metrics;

import static io.leadflow.lifecycle.LeadLifecycle.Elements.*;
import static io.leadflow.lifecycle.LeadLifecycle.Variables.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LifecycleDriver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The invariant "no lead left behind": every open lead waits in exactly one place with an owner and a deadline, or
 * its lifecycle ended in a final stage. Each kind of violation is found, named in Cockpit, counted in the health
 * contributor and the gauge, and gone once the lead is owned again.
 */
@ProcessTest
class LeadOwnershipTest {

  @Autowired ProcessEngine engine;
  @Autowired LifecycleDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired LeadOwnership ownership;
  @Autowired LeadOwnershipWatch watch;
  @Autowired MeterRegistry meters;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    init(engine);
    // what earlier tests of this context left is not this test's
    driver.cleanUp(jdbc);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldFindEveryLeadOwnedWhereverItWaits() {
    ProcessInstance offered = offered(driver.handRaiser("owned-offered@quinn.example", "DE"));
    ProcessInstance nurtured = driver.instance(driver.notReady("owned-nurtured@berg.example"));
    ProcessInstance reviewed = driver.instance(driver.handRaiser("owned-review@quinn.example", "JP"));
    UUID routing = driver.handRaiser("owned-routing@quinn.example", "DE");
    driver.runDueJobs();
    // a step the job executor has not run yet is owned too: its job is due
    ProcessInstance waitingForAJob = driver.instance(driver.handRaiser("owned-job@quinn.example", "DE"));
    assertThat(offered).isWaitingAt(TASK_ACCEPT_LEAD);
    assertThat(nurtured).isWaitingAt(TASK_NURTURE_LEAD);
    assertThat(reviewed).isWaitingAt(TASK_REVIEW_MQL);

    LeadOwnership.Report report = ownership.check(LifecycleDriver.now());

    Assertions.assertThat(report.violations()).isEmpty();
    Assertions.assertThat(watch.health().getStatus()).isEqualTo(Status.UP);
    Assertions.assertThat(watch.health().getDetails()).containsEntry("violations", 0);
    Assertions.assertThat(waitingForAJob).isNotNull();
    Assertions.assertThat(routing).isNotNull();
  }

  @Test
  void shouldNameALeadWhoseTaskHasNoDeadlineInCockpitUntilItHasOne() {
    ProcessInstance instance = offered(driver.handRaiser("no-deadline@quinn.example", "DE"));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    java.util.Date due = accept.getDueDate();
    accept.setDueDate(null);
    tasks.saveTask(accept);

    LeadOwnership.Report report = ownership.check(LifecycleDriver.now());

    Assertions.assertThat(report.violations()).singleElement().satisfies(violation -> {
      Assertions.assertThat(violation.leadId().toString()).isEqualTo(instance.getBusinessKey());
      Assertions.assertThat(violation.problem()).isEqualTo("task 'Accept lead' has no due date");
    });
    Incident incident = runtime.createIncidentQuery().incidentType(LeadOwnership.INCIDENT_TYPE)
        .processInstanceId(instance.getId()).singleResult();
    Assertions.assertThat(incident.getIncidentMessage()).startsWith("Nodeadline Quinn (Quinn Systems), lead "
        + instance.getBusinessKey() + " (MQL): task 'Accept lead' has no due date");
    Assertions.assertThat(watch.health().getStatus()).isEqualTo(LeadOwnershipWatch.UNOWNED_LEADS);
    Assertions.assertThat(watch.health().getDetails()).containsEntry("violations", 1);
    Assertions.assertThat(meters.get("leadflow.leads.unowned").gauge().value()).isEqualTo(1.0);

    accept.setDueDate(due);
    tasks.saveTask(accept);
    Assertions.assertThat(ownership.check(LifecycleDriver.now()).violations()).isEmpty();
    Assertions.assertThat(runtime.createIncidentQuery().incidentType(LeadOwnership.INCIDENT_TYPE).count()).isZero();
    Assertions.assertThat(meters.get("leadflow.leads.unowned").gauge().value()).isZero();
  }

  @Test
  void shouldFindALeadThatWaitsInTwoPlacesAtOnce() {
    ProcessInstance instance = offered(driver.handRaiser("two-places@quinn.example", "DE"));
    runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity(TASK_REVIEW_MQL).execute();

    List<LeadOwnership.Violation> violations = ownership.check(LifecycleDriver.now()).violations();

    Assertions.assertThat(violations).singleElement().extracting(LeadOwnership.Violation::problem).asString()
        .startsWith("it waits in 2 places at once: ").contains("Accept lead", "Review marketing-qualified lead");
  }

  @Test
  void shouldFindALeadWaitingForNothingThatHasAnOwnerAndADeadline() {
    ProcessInstance instance = offered(driver.handRaiser("no-owner@quinn.example", "DE"));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    tasks.setAssignee(accept.getId(), null);
    tasks.deleteCandidateGroup(accept.getId(), "sales-emea");
    driver.runDueJobs();

    Assertions.assertThat(ownership.check(LifecycleDriver.now()).violations()).singleElement()
        .extracting(LeadOwnership.Violation::problem).isEqualTo("task 'Accept lead' has no owner");
  }

  @Test
  void shouldStartALeadLeftBehindAgainAtMarketingOpsReview() {
    ProcessInstance cancelled = offered(driver.handRaiser("left-behind@quinn.example", "DE"));
    UUID leadId = UUID.fromString(cancelled.getBusinessKey());
    // somebody cancels the lifecycle in Cockpit: the lead stays an MQL that nobody owns
    runtime.deleteProcessInstance(cancelled.getId(), "cancelled in Cockpit");

    LeadOwnership.Report report = ownership.check(LifecycleDriver.now());

    Assertions.assertThat(report.violations()).singleElement().satisfies(violation -> {
      Assertions.assertThat(violation.leadId()).isEqualTo(leadId);
      Assertions.assertThat(violation.problem()).isEqualTo("its lifecycle ended in stage MQL without an outcome");
    });
    ProcessInstance again = driver.instance(leadId);
    assertThat(again).isWaitingAt(TASK_REVIEW_MQL);
    Task review = driver.task(again, TASK_REVIEW_MQL);
    assertThat(review).hasCandidateGroup("marketing-ops");
    Assertions.assertThat(review.getDueDate()).isNotNull();
    Assertions.assertThat((String) driver.variable(again, ROUTING_REASON)).startsWith("Found left behind: ");
    Assertions.assertThat(runtime.createIncidentQuery().incidentType(LeadOwnership.INCIDENT_TYPE)
        .processInstanceId(again.getId()).singleResult().getIncidentMessage())
        .contains("lead " + leadId).endsWith("started again at marketing ops' review");
    // now owned; the incident stays until marketing ops have decided
    Assertions.assertThat(ownership.check(LifecycleDriver.now()).violations()).isEmpty();
    Assertions.assertThat(runtime.createIncidentQuery().incidentType(LeadOwnership.INCIDENT_TYPE).count()).isOne();

    driver.completeAs("mia", review, Map.of(REVIEW_OUTCOME, "ROUTE", SALES_TEAM, "sales-emea"));
    assertThat(again).isWaitingAt(TASK_ACCEPT_LEAD);
    ownership.check(LifecycleDriver.now());
    Assertions.assertThat(runtime.createIncidentQuery().incidentType(LeadOwnership.INCIDENT_TYPE).count()).isZero();
  }

  @Test
  void shouldLeaveALeadWhoseLifecycleEndedInAFinalStageAlone() {
    ProcessInstance instance = offered(driver.handRaiser("final@quinn.example", "DE"));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "REJECT", REJECT_TO, "DISQUALIFIED",
        STAGE_REASON, "Reseller"));
    assertThat(instance).isEnded();

    Assertions.assertThat(ownership.check(LifecycleDriver.now()).violations()).isEmpty();
  }

  private ProcessInstance offered(UUID leadId) {
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    assertThat(instance).isWaitingAt(TASK_ACCEPT_LEAD);
    return instance;
  }
}
