package io.leadflow.mail;

import static io.leadflow.lifecycle.LeadLifecycle.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.ProcessTest;
import io.leadflow.TestSmtpServer;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lifecycle.LifecycleDriver;
import io.leadflow.nurture.LeadNurture;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mail that a mail server refuses for good (550 user unknown): a mail to the lead is noted on the lead's record and
 * the process goes on; a mail to staff fails its step until it ends in an incident, as in an outage.
 */
@ProcessTest
class MailRejectionTest {

  private static final String USER_UNKNOWN = "550 5.1.1 <gone@berg.example>: Recipient address rejected: User unknown";

  // in place of the process tests' SMTP server, on its port, for this class: it refuses every recipient
  static ScriptedSmtpServer smtp;

  @BeforeAll
  static void refuseEveryRecipient() throws IOException {
    TestSmtpServer.stop();
    smtp = new ScriptedSmtpServer(TestSmtpServer.port(), USER_UNKNOWN);
  }

  @AfterAll
  static void acceptMailAgain() throws IOException {
    smtp.close();
    TestSmtpServer.running();
  }

  @Autowired ProcessEngine engine;
  @Autowired LifecycleDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired LeadActivityRepository activities;
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
  void shouldNoteARejectedAcknowledgementAndNurtureMailOnTheLeadAndGoOnToTheNextTouch() {
    UUID leadId = driver.notReady("gone@berg.example");
    ProcessInstance instance = driver.instance(leadId);

    driver.runDueJobsAllowingFailures();

    // acknowledged as far as it goes: noted, not retried, and the lead went on to its nurture
    assertThat(failedJobs(instance)).isZero();
    BpmnAwareTests.assertThat(instance).hasPassed(TASK_ACKNOWLEDGE_AND_FULFIL).isWaitingAt(TASK_NURTURE_LEAD);
    ProcessInstance nurture = runtime.createProcessInstanceQuery().processDefinitionKey(LeadNurture.PROCESS_KEY)
        .processInstanceBusinessKey(leadId.toString()).singleResult();
    assertThat(rejections(leadId)).extracting(LeadActivity::getSubject, LeadActivity::getNote)
        .containsExactly(tuple("Mail rejected: Acknowledgement with The lead management ROI guide", USER_UNKNOWN));

    // the first drip mail falls due and is refused too
    Instant due = ((Date) runtime.getVariable(nurture.getId(), LeadNurture.Variables.NEXT_TOUCH_AT)).toInstant();
    ClockUtil.setCurrentTime(Date.from(due.plus(Duration.ofMinutes(1))));
    driver.runDueJobsAllowingFailures();

    assertThat(failedJobs(nurture)).isZero();
    assertThat(runtime.createIncidentQuery().processInstanceId(nurture.getId()).count()).isZero();
    assertThat(rejections(leadId)).extracting(LeadActivity::getSubject)
        .last().asString().startsWith("Mail rejected: Nurture step 1: ");
    assertThat(activities.findByLeadIdOrderByOccurredAtAsc(leadId))
        .noneMatch(activity -> activity.getType() == ActivityType.EMAIL_SENT);
    // the nurture planned its next touch
    assertThat(runtime.getVariable(nurture.getId(), LeadNurture.Variables.DRIP_STEP)).isEqualTo(1);
    assertThat(((Date) runtime.getVariable(nurture.getId(), LeadNurture.Variables.NEXT_TOUCH_AT)).toInstant())
        .isAfter(LifecycleDriver.now());
    BpmnAwareTests.assertThat(nurture).isWaitingAt(LeadNurture.Elements.GATEWAY_WAIT_FOR_ENGAGEMENT);
  }

  @Test
  void shouldStopWithAnIncidentWhenTheMailServerRefusesAStaffAddress() {
    UUID leadId = driver.handRaiser("ghost@quinn.example", "DE");
    ProcessInstance instance = driver.instance(leadId);

    driver.runDueJobsAllowingFailures();
    for (int retry = 0; retry < 4; retry++) {
      ClockUtil.setCurrentTime(Date.from(LifecycleDriver.now().plus(Duration.ofSeconds(61))));
      driver.runDueJobsAllowingFailures();
    }

    // the lead's acknowledgement was noted; the rep's new-lead notice is a configuration error someone must fix
    assertThat(rejections(leadId)).extracting(LeadActivity::getSubject).singleElement().asString()
        .startsWith("Mail rejected: Acknowledgement of the demo request");
    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(TASK_NOTIFY_LEAD_OWNER);
    assertThat(incident.getIncidentMessage()).contains("refused the recipient").contains("550 5.1.1");
  }

  private List<LeadActivity> rejections(UUID leadId) {
    return activities.findByLeadIdOrderByOccurredAtAsc(leadId).stream()
        .filter(activity -> activity.getType() == ActivityType.NOTE && activity.getSubject().startsWith("Mail rejected"))
        .toList();
  }

  private long failedJobs(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).withException().count();
  }
}
