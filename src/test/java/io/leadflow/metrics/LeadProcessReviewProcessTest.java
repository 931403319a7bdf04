package io.leadflow.metrics;

import static io.leadflow.metrics.LeadProcessReview.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.FullProcessCoverage;
import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LifecycleDriver;
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
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * bpmn/LeadProcessReview.bpmn: the review comes on the configured cycle, carries the period's figures (the known
 * first quarter of 2019) and the SLA table to sales managers and marketing ops, and records what they agreed.
 */
@ProcessTest
@Import(FullProcessCoverage.class)
@TestPropertySource(properties = {"leadflow.process-review.cycle=0 0 6 15 * ?",
    "leadflow.test.coverage.exclude=LeadLifecycle,LeadNurture,LogInquiry"})
class LeadProcessReviewProcessTest {


  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired LifecycleDriver driver;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
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

    management.executeJob(reviewTimer().getId());
    ProcessInstance review = runtime.createProcessInstanceQuery()
        .processDefinitionKey(LeadProcessReview.PROCESS_KEY).singleResult();
    assertThat(review).isWaitingAt(TASK_GATHER_KEY_FIGURES);
    driver.runDueJobs();

    assertThat(review).isWaitingAt(TASK_REVIEW_LEAD_PROCESS);
    Task task = tasks.createTaskQuery().processInstanceId(review.getId()).singleResult();
    Assertions.assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
        .containsExactlyInAnyOrder("sales-managers", "marketing-ops");
    Assertions.assertThat(task.getDueDate()).isEqualTo(Date.from(Instant.parse("2019-04-15T07:00:00Z")));
    Map<String, Object> figures = runtime.getVariables(review.getId());
    Assertions.assertThat(figures).containsEntry("reviewPeriodFrom", "2019-01-01")
        .containsEntry("reviewPeriodTo", "2019-03-31");
    Assertions.assertThat(figures.get("volumes").toString()).contains("{\"stage\":\"INQUIRY\",\"leads\":5}",
        "{\"stage\":\"MQL\",\"leads\":3}", "{\"stage\":\"WON\",\"leads\":1}");
    Assertions.assertThat(figures.get("conversions").toString()).contains(
        "{\"from\":\"MQL\",\"to\":\"SAL\",\"entered\":3,\"reached\":2,\"rate\":\"66.7 %\"}");
    Assertions.assertThat(figures.get("velocity").toString()).contains(
        "{\"stage\":\"SAL\",\"measured\":2,\"medianDays\":\"6.0\",\"p80Days\":\"7.2\"}");
    Assertions.assertThat(figures.get("slaCompliance").toString()).contains(
        "{\"step\":\"FIRST_CONTACT\",\"team\":\"sales-emea\",\"due\":2,\"breached\":1,\"compliance\":\"50.0 %\"}");
    Assertions.assertThat(figures.get("topReasons").toString()).contains("Student", "Price");
    Assertions.assertThat(figures.get("slaTable").toString()).contains(
        "{\"step\":\"MQL_REVIEW\",\"segments\":\"all\",\"policy\":\"within 24 hours",
        "{\"step\":\"NURTURE_PERIOD\",\"segments\":\"all\",\"policy\":\"within 180 days");

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

  private Job reviewTimer() {
    List<Job> timers = management.createJobQuery().processDefinitionKey(LeadProcessReview.PROCESS_KEY).timers()
        .list();
    Assertions.assertThat(timers).hasSize(1);
    return timers.get(0);
  }
}
