package io.leadflow.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Two indexes Camunda's schema lacks for what Leadflow keeps in the engine's tables, made at every start inside the
 * start-up lock (measured in a storm of 10,000 deadlines, src/docs/performance.md):
 *
 * <ul>
 *   <li>Job acquisition by due date ({@code jobExecutorAcquireByDueDate} and {@code ensureJobDueDateNotNull} in
 *       application.yaml). Otherwise the job executor asks for any three due jobs in no order, and PostgreSQL reads
 *       the job table from its start until it has three, past every timer not due yet; Leadflow keeps many (SLA
 *       deadlines and reminders, nurture waits of weeks, dormancy after 180 days). Ordered by due date, it reads the
 *       due jobs from an index and stops. Jobs a node without the setting left without a due date get one (now),
 *       since acquisition by due date would never pick them up.</li>
 *   <li>Subtasks by parent: the engine looks for a task's subtasks whenever a task ends (completed, or cancelled by
 *       an escalation), and without an index reads every open task to find none (camunda/camunda#36824).</li>
 * </ul>
 */
@Component
class EngineTables extends AbstractProcessEnginePlugin {

  static final String JOB_DUE_DATE_INDEX = "leadflow_job_due_date";
  static final String TASK_PARENT_INDEX = "leadflow_task_parent";
  private static final Logger LOG = LoggerFactory.getLogger(EngineTables.class);

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    prepare(configuration.getDataSource(),
        configuration.isJobExecutorAcquireByDueDate() && configuration.isEnsureJobDueDateNotNull());
  }

  /** Idempotent: run again, it changes nothing. */
  static void prepare(DataSource dataSource, boolean jobsByDueDate) {
    try (Connection connection = dataSource.getConnection()) {
      try (Statement index = connection.createStatement()) {
        index.execute("create index if not exists " + TASK_PARENT_INDEX + " on act_ru_task (parent_task_id_)");
        if (jobsByDueDate) {
          index.execute("create index if not exists " + JOB_DUE_DATE_INDEX + " on act_ru_job (duedate_)");
        }
      }
      if (jobsByDueDate) {
        giveEveryJobADueDate(connection);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare the engine's tables", e);
    }
  }

  private static void giveEveryJobADueDate(Connection connection) throws SQLException {
    try (PreparedStatement due = connection.prepareStatement(
        "update act_ru_job set duedate_ = ? where duedate_ is null")) {
      // the engine's clock, written as the engine writes it: due now
      due.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
      int updated = due.executeUpdate();
      if (updated > 0) {
        LOG.info("Gave {} jobs without a due date one (now), so that acquisition by due date picks them up", updated);
      }
    }
  }
}
