package io.leadflow.mail;

import static io.leadflow.lifecycle.LeadLifecycle.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.CrashBeforeCommit;
import io.leadflow.ProcessTest;
import io.leadflow.TestSmtpServer;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lifecycle.LifecycleDriver;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
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
 * The lifecycle's mail when the mail server fails: the step retries, shows an incident naming the lead and the
 * server, sends once when the server is back, and never twice when a node dies between sending and committing.
 */
@ProcessTest
class MailOutageTest {

  static final int PORT = TestSmtpServer.port();

  @Autowired LifecycleDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired LeadActivityRepository activities;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void serverUp() throws Exception {
    TestSmtpServer.running().purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
    // the other process tests send to it
    TestSmtpServer.running();
  }

  @Test
  void shouldRetryWhileTheMailServerIsDownShowAnIncidentAndSendOnceItIsBack() {
    UUID leadId = driver.handRaiser("ada@mail-outage.example", "DE");
    ProcessInstance instance = driver.instance(leadId);
    TestSmtpServer.stop();

    driver.runDueJobsAllowingFailures();
    for (int retry = 0; retry < 4; retry++) {
      ClockUtil.setCurrentTime(java.util.Date.from(LifecycleDriver.now().plus(Duration.ofSeconds(61))));
      driver.runDueJobsAllowingFailures();
    }

    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(TASK_ACKNOWLEDGE_AND_FULFIL);
    assertThat(incident.getIncidentMessage())
        .startsWith("Acknowledge and fulfil for Ada Quinn (Quinn Systems), lead " + leadId)
        .contains("127.0.0.1:" + PORT);

    TestSmtpServer.running();
    Job acknowledge = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    management.setJobRetries(acknowledge.getId(), 1);
    driver.waitFor(Duration.ofSeconds(61));

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(received("ada@mail-outage.example")).isOne();
    assertThat(driver.task(instance, TASK_ACCEPT_LEAD)).isNotNull();
  }

  @Test
  void shouldGiveALateLeadToTheNextRepWhileTheMailServerIsDownAndTellTheManagerOnceItIsBack() {
    UUID leadId = driver.handRaiser("lin@mail-outage.example", "DE");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    String late = accept.getAssignee();
    TestSmtpServer.stop();

    ClockUtil.setCurrentTime(Date.from(accept.getDueDate().toInstant().plus(Duration.ofMinutes(1))));
    driver.runDueJobsAllowingFailures();

    assertThat(driver.task(instance, TASK_ACCEPT_LEAD).getAssignee()).isNotNull().isNotEqualTo(late);
    Job tellManager = management.createJobQuery().processInstanceId(instance.getId())
        .activityId(TASK_TELL_MANAGER_OF_LATE_LEAD).singleResult();
    assertThat(tellManager.getExceptionMessage()).contains("127.0.0.1:" + PORT);

    TestSmtpServer.running();
    driver.waitFor(Duration.ofSeconds(61));

    assertThat(management.createJobQuery().activityId(TASK_TELL_MANAGER_OF_LATE_LEAD)
        .processInstanceId(instance.getId()).count()).isZero();
    assertThat(received("max@leadflow.example")).isOne();
  }

  @Test
  void shouldNotSendTwiceWhenTheStepRunsAgainAfterACrashBeforeItsCommit() {
    UUID leadId = driver.handRaiser("grace@mail-outage.example", "DE");
    ProcessInstance instance = driver.instance(leadId);

    // the node dies after the mail went out, before the step (which records it on the lead) commits
    try (CrashBeforeCommit crash = CrashBeforeCommit.onInsertInto(jdbc, "leadflow.lead_activity")) {
      driver.runDueJobsAllowingFailures();
    }
    assertThat(received("grace@mail-outage.example")).isOne();

    driver.waitFor(Duration.ofSeconds(61));

    assertThat(driver.task(instance, TASK_ACCEPT_LEAD)).isNotNull();
    assertThat(received("grace@mail-outage.example")).isOne();
    assertThat(activities.findByLeadIdOrderByOccurredAtAsc(leadId)).filteredOn(
        activity -> activity.getType() == ActivityType.EMAIL_SENT).extracting(LeadActivity::getSubject)
        .singleElement().asString().startsWith("Acknowledgement of the demo request: sales to call by ");
  }

  private static long received(String address) {
    return Arrays.stream(TestSmtpServer.running().getReceivedMessages()).filter(mail -> {
      try {
        return mail.getAllRecipients()[0].toString().contains(address);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).count();
  }
}
