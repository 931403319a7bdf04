package io.leadflow.system;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a retried process step from repeating a side effect in the outside world. A step that calls out runs as a
 * Camunda job; the job may do the side effect and then fail to commit (a crash, a later error in the same
 * transaction) and run again. The guard writes what it did to table {@code side_effect} in short transactions of its
 * own, which stay committed when the job's transaction rolls back.
 */
@Component
public class SideEffects {

  private static final Logger LOG = LoggerFactory.getLogger(SideEffects.class);
  private static final int MAX_ERROR_LENGTH = 2000;

  private enum Status { STARTED, DONE, FAILED }

  /** What the claim found: the status before this attempt (null for the first) and the stored result. */
  private record Claim(Status previous, String result) {
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  SideEffects(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * For an effect that must not be repeated and whose outcome cannot be asked afterwards, like a mail handed to an
   * SMTP server. Runs it unless an earlier attempt under the same key finished or may have finished it: after a
   * crash in the middle the mail may or may not be out, and a lost mail is better than a duplicate. A failed attempt
   * (the effect threw) is tried again.
   */
  public void atMostOnce(String key, Runnable effect) {
    Claim claim = claim(key, Status.DONE, Status.STARTED);
    if (claim.previous() == Status.DONE) {
      LOG.info("Side effect {} was done before; not repeating it", key);
      return;
    }
    if (claim.previous() == Status.STARTED) {
      LOG.warn("Side effect {} was started before and did not record its end; it may or may not have happened, "
          + "and is not repeated", key);
      return;
    }
    run(key, () -> {
      effect.run();
      return null;
    });
  }

  /**
   * For an effect that is safe to repeat, like an upsert by external id: runs it unless an earlier attempt under the
   * same key is known to have finished, in which case the result it stored (e.g. the CRM record's id) is returned.
   * The result is recorded in the caller's transaction, so it commits with the process step and with whatever the
   * effect wrote to Leadflow's own database (the built-in CRM does); when the step rolls back, the effect simply runs
   * again, which it may.
   */
  public String untilDone(String key, Supplier<String> effect) {
    List<String> done = jdbc.queryForList(
        "select result from leadflow.side_effect where key = ? and status = 'DONE'", String.class, key);
    if (!done.isEmpty()) {
      LOG.info("Side effect {} was done before; returning its result", key);
      return done.get(0);
    }
    String result = effect.get();
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("insert into leadflow.side_effect (key, status, started_at, finished_at, attempts, result) "
        + "values (?, 'DONE', ?, ?, 1, ?) on conflict (key) do update set status = 'DONE', "
        + "finished_at = excluded.finished_at, result = excluded.result, last_error = null, "
        + "attempts = leadflow.side_effect.attempts + 1", key, now, now, result);
    return result;
  }

  /**
   * The key of a side effect of the current process step, stable across retries of the same job: the process
   * instance, the activity, the job that runs the step and the purpose (one step may have several side effects).
   * A new occurrence of the activity, e.g. in a loop, runs in a new job and so gets a new key. Without a job (a step
   * that is not asynchronous) the activity instance stands in for it.
   */
  public static String key(DelegateExecution execution, String purpose) {
    JobEntity job = currentJob();
    String occurrence = job != null ? "job-" + job.getId() : "activity-instance-" + execution.getActivityInstanceId();
    return String.join("/", execution.getProcessInstanceId(), execution.getCurrentActivityId(), occurrence, purpose);
  }

  private static JobEntity currentJob() {
    JobExecutorContext jobExecutor = Context.getJobExecutorContext();
    if (jobExecutor != null && jobExecutor.getCurrentJob() != null) {
      return jobExecutor.getCurrentJob();
    }
    // a job executed by hand (ManagementService#executeJob, the REST API) has no job executor context
    CommandContext command = Context.getCommandContext();
    return command == null ? null : command.getCurrentJob();
  }

  /**
   * Records this attempt as STARTED unless the key's status is one of {@code skipWhen}. The row lock serialises two
   * attempts that race for the same key: the second one sees the first one's STARTED.
   */
  private Claim claim(String key, Status... skipWhen) {
    return ownTransaction.execute(status -> {
      Timestamp now = Timestamp.from(Instant.now());
      int inserted = jdbc.update("insert into leadflow.side_effect (key, status, started_at, attempts) "
          + "values (?, 'STARTED', ?, 1) on conflict (key) do nothing", key, now);
      if (inserted == 1) {
        return new Claim(null, null);
      }
      Claim found = jdbc.queryForObject("select status, result from leadflow.side_effect where key = ? for update",
          (row, index) -> new Claim(Status.valueOf(row.getString("status")), row.getString("result")), key);
      if (Arrays.asList(skipWhen).contains(found.previous())) {
        return found;
      }
      jdbc.update("update leadflow.side_effect set status = 'STARTED', started_at = ?, finished_at = null, "
          + "attempts = attempts + 1 where key = ?", now, key);
      return found;
    });
  }

  private String run(String key, Supplier<String> effect) {
    String result;
    try {
      result = effect.get();
    } catch (RuntimeException | Error failure) {
      record(key, Status.FAILED, null, failure);
      throw failure;
    }
    record(key, Status.DONE, result, null);
    return result;
  }

  private void record(String key, Status status, String result, Throwable failure) {
    ownTransaction.executeWithoutResult(transaction -> jdbc.update(
        "update leadflow.side_effect set status = ?, finished_at = ?, result = ?, last_error = ? where key = ?",
        status.name(), Timestamp.from(Instant.now()), result, failure == null ? null : describe(failure), key));
  }

  private static String describe(Throwable failure) {
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }
}
