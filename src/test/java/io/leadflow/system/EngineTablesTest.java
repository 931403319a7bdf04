package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LifecycleDriver;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job executor takes due jobs in the order they fell due, from an index, and every job has a due date for it to
 * go by: also one a node without the setting left without. Subtasks are found by their parent through an index.
 */
@ProcessTest
class EngineTablesTest {

  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired LifecycleDriver driver;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;

  @AfterEach
  void cleanUp() {
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldTakeTheJobThatFellDueFirstWhereverItLiesInTheTable() {
    Job later = firstJob(driver.handRaiser("due-later@quinn.example", "DE"));
    Job earlier = firstJob(driver.handRaiser("due-earlier@quinn.example", "DE"));
    // the job written last fell due first
    Instant now = Instant.now();
    dueAt(later, now.minus(Duration.ofDays(3000)));
    dueAt(earlier, now.minus(Duration.ofDays(3001)));

    ProcessEngineConfigurationImpl configuration = configuration();
    List<List<String>> acquired = configuration.getCommandExecutorTxRequired()
        .execute(new AcquireJobsCmd(configuration.getJobExecutor(), 1)).getJobIdBatches();

    assertThat(acquired).containsExactly(List.of(earlier.getId()));
  }

  @Test
  void shouldGiveEveryJobADueDateAndFindDueJobsThroughAnIndex() {
    Job job = firstJob(driver.handRaiser("due-now@quinn.example", "DE"));
    assertThat(job.getDuedate()).isNotNull();
    assertThat(index(EngineTables.JOB_DUE_DATE_INDEX)).contains("act_ru_job", "(duedate_)");

    // a job a node without the setting wrote
    jdbc.update("update act_ru_job set duedate_ = null where id_ = ?", job.getId());
    EngineTables.prepare(dataSource, true);

    assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getDuedate()).isNotNull()
        .isBeforeOrEqualTo(Timestamp.from(Instant.now()));
  }

  @Test
  void shouldFindSubtasksThroughAnIndex() {
    assertThat(index(EngineTables.TASK_PARENT_INDEX)).contains("act_ru_task", "(parent_task_id_)");
  }

  private String index(String name) {
    return jdbc.queryForObject("select indexdef from pg_indexes where indexname = ?", String.class, name);
  }

  private Job firstJob(UUID leadId) {
    return management.createJobQuery().processInstanceId(driver.instance(leadId).getId()).singleResult();
  }

  private void dueAt(Job job, Instant due) {
    jdbc.update("update act_ru_job set duedate_ = ? where id_ = ?", Timestamp.from(due), job.getId());
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
