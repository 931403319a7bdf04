package io.leadflow.fulfilment;

import static io.leadflow.fulfilment.PrintedKit.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.Mailbox;
import io.leadflow.ProcessCoverage;
import io.leadflow.ProcessTest;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lifecycle.LifecycleDriver;
import io.leadflow.sla.SlaBreachRepository;
import io.leadflow.sla.SlaBreaches;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bpmn/PrintedKit.bpmn: marketing ops send the kit (or say why not) within two working days, and the lead's record says
 * so; a kit not sent in time is escalated like any late work.
 */
@ProcessTest
@ProcessCoverage(passedThrough = {"LeadLifecycle", "LeadNurture", "LeadProcessReview", "CrmLeadUpdate",
    "RoutingTableCheck"})
class PrintedKitProcessTest {


  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired LifecycleDriver driver;
  @Autowired LeadActivityRepository activities;
  @Autowired JdbcTemplate jdbc;
  @Autowired SlaBreachRepository breaches;
  @Autowired Mailbox mailbox;

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
  void shouldGiveMarketingOpsTwoWorkingDaysToSendTheKitAndLogItOnTheLead() {
    // Friday 15:00 in Berlin: two working days are due on Tuesday 15:00
    ClockUtil.setCurrentTime(berlin(2026, 11, 27, 15));
    UUID leadId = driver.notReady("kit-sent@berg.example");
    ProcessInstance kit = order(leadId);
    Task task = tasks.createTaskQuery().processInstanceId(kit.getId()).singleResult();
    Assertions.assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("marketing-ops");
    Assertions.assertThat(task.getDueDate()).isEqualTo(berlin(2026, 12, 1, 15));

    Assertions.assertThatThrownBy(() -> driver.completeAs("mia", task, Map.of("kitOutcome", "SENT")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("shippingAddress is required");
    driver.completeAs("mia", task, Map.of("kitOutcome", "SENT", "carrier", "DHL", "trackingNumber", "JD0146",
        "shippingAddress", "Berg Bakery, Hauptstr. 1, Berlin"));

    assertThat(kit).hasPassed(END_KIT_HANDLED).isEnded();
    Assertions.assertThat(activities.findByLeadIdOrderByOccurredAtAsc(leadId))
        .filteredOn(activity -> activity.getType() == ActivityType.NOTE)
        .extracting(LeadActivity::getSubject, LeadActivity::getOutcome, LeadActivity::getNote,
            LeadActivity::getRecordedBy)
        .containsExactly(Assertions.tuple("Printed kit sent by DHL, tracking JD0146", "SENT",
            "To: Berg Bakery, Hauptstr. 1, Berlin", "mia"));
  }

  @Test
  void shouldRecordWhyAKitCouldNotBeSent() {
    UUID leadId = driver.notReady("kit-not-sent@berg.example");
    ProcessInstance kit = order(leadId);
    Task task = tasks.createTaskQuery().processInstanceId(kit.getId()).singleResult();

    driver.completeAs("mia", task, Map.of("kitOutcome", "NOT_SENT", "kitNotSentReason", "No postal address found"));

    Assertions.assertThat(activities.findByLeadIdOrderByOccurredAtAsc(leadId))
        .filteredOn(activity -> activity.getType() == ActivityType.NOTE)
        .extracting(LeadActivity::getSubject, LeadActivity::getNote)
        .containsExactly(Assertions.tuple("Printed kit not sent", "No postal address found"));
  }

  @Test
  void shouldEscalateAKitNotSentByItsDeadlineAndResolveItWhenSent() {
    ClockUtil.setCurrentTime(berlin(2026, 11, 27, 15));
    UUID leadId = driver.notReady("kit-late@berg.example");
    ProcessInstance kit = order(leadId);
    Task task = tasks.createTaskQuery().processInstanceId(kit.getId()).singleResult();
    mailbox.empty();

    driver.waitUntil(berlin(2026, 12, 1, 14).toInstant());
    assertThat(kit).hasNotPassed(TASK_ESCALATE_LATE_KIT);
    driver.waitUntil(berlin(2026, 12, 1, 15).toInstant().plus(Duration.ofMinutes(1)));

    assertThat(kit).hasPassed(TASK_ESCALATE_LATE_KIT, TASK_TELL_MANAGERS_OF_LATE_KIT, END_LATE_KIT_ESCALATED)
        .isWaitingAt(TASK_SEND_PRINTED_KIT);
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(kit.getId())
        .incidentType(SlaBreaches.INCIDENT_TYPE).singleResult().getIncidentMessage()).contains("printed kit");
    Assertions.assertThat(mailbox.receivedBy("max@leadflow.example", "Overdue: printed kit")).hasSize(1);
    Assertions.assertThat(breaches.findByLeadIdOrderByBreachedAtAsc(leadId)).singleElement()
        .satisfies(breach -> Assertions.assertThat(breach.getDueAt()).isEqualTo(berlin(2026, 12, 1, 15).toInstant()));

    driver.completeAs("mia", task, Map.of("kitOutcome", "NOT_SENT", "kitNotSentReason", "Address unknown"));
    assertThat(kit).isEnded();
    Assertions.assertThat(breaches.findByLeadIdOrderByBreachedAtAsc(leadId).get(0).getResolvedAt()).isNotNull();
  }

  private static Date berlin(int year, int month, int day, int hour) {
    return Date.from(ZonedDateTime.of(year, month, day, hour, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant());
  }

  private ProcessInstance order(UUID leadId) {
    return runtime.createMessageCorrelation(PrintedKit.MESSAGE_PRINTED_KIT_ORDERED)
        .processInstanceBusinessKey(leadId.toString())
        .setVariable(PrintedKit.Variables.LEAD_ID, leadId.toString())
        .setVariable(PrintedKit.Variables.PRINTED_KIT_REASON, "Top-grade fit (A) in ENTERPRISE")
        .correlateStartMessage();
  }
}
