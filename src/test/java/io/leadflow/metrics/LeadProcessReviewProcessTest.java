package io.leadflow.metrics;

import static io.leadflow.metrics.LeadProcessReview.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.leadflow.Mailbox;
import io.leadflow.ProcessCoverage;
import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LifecycleDriver;
import io.leadflow.system.Groups;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bpmn/LeadProcessReview.bpmn: the review comes on the configured cycle, carries the period's figures (the known
 * first quarter of 2019) and the SLA table to sales managers and marketing ops, and records what they agreed.
 */
@ProcessTest
@ProcessCoverage(passedThrough = {"LeadLifecycle", "LeadNurture", "LogInquiry", "CrmLeadUpdate"})
class LeadProcessReviewProcessTest {


  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired LifecycleDriver driver;
  @Autowired JdbcTemplate jdbc;
  @Autowired Mailbox mailbox;

  @BeforeEach
  void setUp() {
    init(engine);
    // the process tests share one engine, and others move its clock by months past the review's date: each test
    // starts from the timer the cycle gives from now, as a deployment leaves it
    management.recalculateJobDuedate(reviewTimer().getId(), false);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
    // and leaves it so, not due in 2019, where every other test that runs the due jobs would start a review
    management.recalculateJobDuedate(reviewTimer().getId(), false);
  }

  @Test
  void shouldScheduleTheReviewByTheConfiguredCycle() {
    ZonedDateTime due = reviewTimer().getDuedate().toInstant().atZone(ZoneId.systemDefault());

    Assertions.assertThat(due.getDayOfMonth()).isEqualTo(15);
    Assertions.assertThat(due.getHour()).isEqualTo(6);
    Assertions.assertThat(due.toInstant()).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(32L * 86400));
  }

  @Test
  void shouldBringThePeriodsFiguresAndTheSlaTableToTheReviewersAndRecordWhatTheyAgreed() {
    new FixedHistory(jdbc).firstQuarterOf2019();
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2019-04-01T07:00:00Z")));

    ProcessInstance review = reviewDue();

    assertThat(review).isWaitingAt(TASK_REVIEW_LEAD_PROCESS);
    Task task = tasks.createTaskQuery().processInstanceId(review.getId()).singleResult();
    Assertions.assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
        .containsExactlyInAnyOrder(Groups.SALES_MANAGERS, Groups.MARKETING_OPS);
    Assertions.assertThat(task.getDueDate()).isEqualTo(Date.from(Instant.parse("2019-04-15T07:00:00Z")));
    Assertions.assertThat(task.getFollowUpDate()).isEqualTo(Date.from(Instant.parse("2019-04-08T07:00:00Z")));
    Map<String, Object> figures = runtime.getVariables(review.getId());
    Assertions.assertThat(figures).containsEntry("reviewPeriodFrom", "2019-01-01")
        .containsEntry("reviewPeriodTo", "2019-03-31");
    Assertions.assertThat(figures.get("volumes").toString()).contains("{\"stage\":\"INQUIRY\",\"leads\":5}",
        "{\"stage\":\"MQL\",\"leads\":3}", "{\"stage\":\"WON\",\"leads\":1}");
    Assertions.assertThat(figures.get("conversions").toString()).contains(
        "{\"from\":\"MQL\",\"to\":\"SAL\",\"entered\":3,\"reached\":2,\"rate\":\"66.7 %\"}");
    Assertions.assertThat(figures.get("velocity").toString()).contains(
        "{\"stage\":\"SAL\",\"measured\":2,\"medianDays\":\"6.0\",\"p80Days\":\"7.2\"}");
    Assertions.assertThat(figures.get("slaComplianceByStep").toString()).contains(
        "{\"step\":\"ACCEPTANCE\",\"due\":3,\"breached\":1,\"compliance\":\"66.7 %\"}",
        "{\"step\":\"FIRST_CONTACT\",\"due\":2,\"breached\":1,\"compliance\":\"50.0 %\"}");
    Assertions.assertThat(figures.get("slaCompliance").toString()).contains(
        "{\"step\":\"FIRST_CONTACT\",\"team\":\"sales-emea\",\"due\":2,\"breached\":1,\"compliance\":\"50.0 %\"}");
    Assertions.assertThat(figures.get("topReasons").toString()).contains("Student", "Price");
    // every segment dmn/LeadSegment.dmn gives, UNKNOWN included; hand-raisers apart where the table treats them apart
    Assertions.assertThat(figures.get("slaTable").toString()).contains(
        "{\"step\":\"MQL_REVIEW\",\"segments\":\"all segments, not hand-raisers\",\"policy\":\"within 1 "
            + "working day; reminder 4 hours before; escalated to sales-managers\"}",
        "{\"step\":\"MQL_REVIEW\",\"segments\":\"all segments, hand-raisers\",\"policy\":\"within 1 "
            + "hour of working time; reminder 20 minutes before; escalated to sales-managers\"}",
        "{\"step\":\"ACCEPTANCE\",\"segments\":\"all segments, not hand-raisers\",\"policy\":\"within 8 "
            + "hours of working time, at most 2 working days; reminder 2 hours before; escalated to "
            + "sales-managers\"}",
        "{\"step\":\"ACCEPTANCE\",\"segments\":\"all segments, hand-raisers\",\"policy\":\"within 30 "
            + "minutes of working time; reminder 10 minutes before; escalated to sales-managers\"}",
        "{\"step\":\"FIRST_CONTACT\",\"segments\":\"all segments, not hand-raisers\",\"policy\":\"by "
            + "the end of the working day; reminder 2 hours before; escalated to sales-managers\"}",
        "{\"step\":\"FIRST_CONTACT\",\"segments\":\"all segments, hand-raisers\",\"policy\":\"within 1 "
            + "hour of working time of the request; reminder 20 minutes before; escalated to sales-managers\"}",
        "{\"step\":\"OPPORTUNITY_STAGE\",\"segments\":\"ENTERPRISE\",\"policy\":\"within 60 days; "
            + "reminder 7 days before; escalated to sales-managers\"}",
        "{\"step\":\"OPPORTUNITY_STAGE\",\"segments\":\"MID_MARKET, SMB, UNKNOWN\",\"policy\":\"within "
            + "30 days; reminder 7 days before; escalated to sales-managers\"}",
        "{\"step\":\"PRINTED_KIT\",\"segments\":\"all segments\",\"policy\":\"within 2 working days; "
            + "escalated to sales-managers\"}",
        "{\"step\":\"NURTURE_PERIOD\",\"segments\":\"all segments\",\"policy\":\"within 180 days; "
            + "escalated to marketing-ops\"}")
        .doesNotContain("not decided");

    Assertions.assertThatThrownBy(() -> driver.completeAs("max", task, Map.of("changeSla", true)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("agreedChanges is required");
    driver.completeAs("max", task, Map.of("agreedChanges", "First contact within 4 working hours for SMB",
        "changeSla", true, "nextReviewOwner", "mia"));

    assertThat(review).hasPassed(END_PROCESS_REVIEWED).isEnded();
    Assertions.assertThat(jdbc.queryForList("select period_from::text, period_to::text, completed_by, "
            + "agreed_changes, change_scoring, change_sla, next_review_owner from leadflow.process_review"))
        .containsExactly(Map.of("period_from", "2019-01-01", "period_to", "2019-03-31", "completed_by", "max",
            "agreed_changes", "First contact within 4 working hours for SMB", "change_scoring", false,
            "change_sla", true, "next_review_owner", "mia"));
    // the next review is scheduled by the cycle again
    Assertions.assertThat(reviewTimer().getDuedate()).isEqualTo(Date.from(ZonedDateTime.of(2019, 4, 15, 6, 0, 0, 0,
        ZoneId.systemDefault()).toInstant()));
  }

  @Test
  void shouldRemindTheReviewersOnceWhenTheReviewIsPastItsDueDate() {
    mailbox.empty();
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2019-07-01T07:00:00Z")));
    ProcessInstance review = reviewDue();
    Task task = tasks.createTaskQuery().processInstanceId(review.getId()).singleResult();
    Job deadline = management.createJobQuery().processInstanceId(review.getId())
        .activityId(BOUNDARY_REVIEW_DEADLINE_PASSED).singleResult();
    Assertions.assertThat(deadline.getDuedate()).isEqualTo(task.getDueDate());

    // the jobs one by one: at this time the next review (the 15th's) is due as well
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2019-07-15T07:30:00Z")));
    management.executeJob(deadline.getId());
    assertThat(review).isWaitingAt(TASK_REVIEW_LEAD_PROCESS, TASK_REMIND_REVIEWERS);
    execute(job(TASK_REMIND_REVIEWERS, review));

    assertThat(review).hasPassed(END_REVIEWERS_REMINDED).isWaitingAt(TASK_REVIEW_LEAD_PROCESS);
    String subject = "Overdue: Review the lead management process (2019-04-01 to 2019-06-30)";
    for (String reviewer : List.of("max@leadflow.example", "mia@leadflow.example")) {
      List<MimeMessage> mails = mailbox.receivedBy(reviewer, subject);
      Assertions.assertThat(mails).as("reminders to " + reviewer).hasSize(1);
      Assertions.assertThat(Mailbox.text(mails.get(0))).contains("was due Mon 15 Jul 2019, 07:00 UTC",
          "/camunda/app/tasklist/default/#/?task=" + task.getId());
    }
  }

  /** Fires the review's timer, whatever its due date, and gathers the key figures as of the engine clock. */
  private ProcessInstance reviewDue() {
    management.executeJob(reviewTimer().getId());
    ProcessInstance review = runtime.createProcessInstanceQuery()
        .processDefinitionKey(LeadProcessReview.PROCESS_KEY).singleResult();
    assertThat(review).isWaitingAt(TASK_GATHER_KEY_FIGURES);
    driver.runDueJobs();
    return review;
  }

  private Job reviewTimer() {
    List<Job> timers = management.createJobQuery().processDefinitionKey(LeadProcessReview.PROCESS_KEY)
        .activityId(START_REVIEW_DUE).list();
    Assertions.assertThat(timers).hasSize(1);
    return timers.get(0);
  }
}
