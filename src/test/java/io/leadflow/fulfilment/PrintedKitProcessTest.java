package io.leadflow.fulfilment;

import static io.leadflow.fulfilment.PrintedKit.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.ProcessCoverage;
import io.leadflow.ProcessTest;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lifecycle.LifecycleDriver;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** bpmn/PrintedKit.bpmn: marketing ops send the kit (or say why not) within two days, and the lead's record says so. */
@ProcessTest
@ProcessCoverage(passedThrough = {"LeadLifecycle", "LeadNurture", "LeadProcessReview", "CrmLeadUpdate"})
class PrintedKitProcessTest {


  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired LifecycleDriver driver;
  @Autowired LeadActivityRepository activities;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @AfterEach
  void cleanUp() {
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldGiveMarketingOpsTwoDaysToSendTheKitAndLogItOnTheLead() {
    UUID leadId = driver.notReady("kit-sent@berg.example");
    ProcessInstance kit = order(leadId);
    Task task = tasks.createTaskQuery().processInstanceId(kit.getId()).singleResult();
    Assertions.assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("marketing-ops");
    Assertions.assertThat(Duration.between(LifecycleDriver.now(), task.getDueDate().toInstant()))
        .isBetween(Duration.ofDays(2).minusMinutes(1), Duration.ofDays(2));

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

  private ProcessInstance order(UUID leadId) {
    return runtime.createMessageCorrelation(PrintedKit.MESSAGE_PRINTED_KIT_ORDERED)
        .processInstanceBusinessKey(leadId.toString())
        .setVariable(PrintedKit.Variables.LEAD_ID, leadId.toString())
        .setVariable(PrintedKit.Variables.PRINTED_KIT_REASON, "Top-grade fit (A) in ENTERPRISE")
        .correlateStartMessage();
  }
}
