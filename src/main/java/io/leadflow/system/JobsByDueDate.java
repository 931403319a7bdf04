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
 * Prepares the job table for acquisition by due date ({@code jobExecutorAcquireByDueDate} and
 * {@code ensureJobDueDateNotNull} in application.yaml). Without it the job executor asks PostgreSQL for any three due
 * jobs in no order, and PostgreSQL reads the job table from its start until it has found three, past every timer not
 * due yet. Leadflow keeps many of those (SLA deadlines and reminders, nurture waits of weeks, dormancy after 180
 * days), so every acquisition read them all. Ordered by due date, it reads the due jobs from an index and stops.
 *
 * <p>At every start, inside the start-up lock: the index (Camunda's schema has none on the due date), and a due date
 * for jobs a node without the setting left without one, which acquisition by due date would never pick up.
 */
@Component
class JobsByDueDate extends AbstractProcessEnginePlugin {

  static final String INDEX = "leadflow_job_due_date";
  private static final Logger LOG = LoggerFactory.getLogger(JobsByDueDate.class);

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if (configuration.isJobExecutorAcquireByDueDate() && configuration.isEnsureJobDueDateNotNull()) {
      prepare(configuration.getDataSource());
    }
  }

  /** Idempotent: run again, it changes nothing. */
  static void prepare(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      try (Statement index = connection.createStatement()) {
        index.execute("create index if not exists " + INDEX + " on act_ru_job (duedate_)");
      }
      try (PreparedStatement due = connection.prepareStatement(
          "update act_ru_job set duedate_ = ? where duedate_ is null")) {
        // the engine's clock, written as the engine writes it: due now
        due.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
        int updated = due.executeUpdate();
        if (updated > 0) {
          LOG.info("Gave {} jobs without a due date one (now), so that acquisition by due date picks them up",
              updated);
        }
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare the job table for acquisition by due date", e);
    }
  }
}
