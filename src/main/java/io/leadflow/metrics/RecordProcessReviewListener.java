package io.leadflow.metrics;

import static io.leadflow.metrics.LeadProcessReview.Variables.*;

import io.leadflow.lifecycle.CurrentUser;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.UUID;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Completing "Review the lead management process" records what was agreed in table {@code process_review}, in the
 * same transaction: a review without its outcome is not complete.
 */
@Component("recordProcessReview")
class RecordProcessReviewListener implements TaskListener {

  private static final int MAX_TEXT = 4000;

  private final JdbcTemplate jdbc;

  RecordProcessReviewListener(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void notify(DelegateTask task) {
    // "required:agreedChanges" in the model's form rules ran before this listener
    String agreed = task.getVariable(AGREED_CHANGES).toString().strip();
    if (agreed.length() > MAX_TEXT) {
      throw new BadUserRequestException("Cannot complete '" + task.getName() + "': " + AGREED_CHANGES
          + " must be at most " + MAX_TEXT + " characters");
    }
    jdbc.update("""
        insert into leadflow.process_review (id, process_instance_id, period_from, period_to, completed_at,
          completed_by, agreed_changes, change_scoring, change_routing, change_sla, change_nurture, next_review_owner)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        UUID.randomUUID(), task.getProcessInstanceId(), date(task, PERIOD_FROM), date(task, PERIOD_TO),
        Timestamp.from(ClockUtil.now().toInstant()), CurrentUser.of(task), agreed, flag(task, CHANGE_SCORING),
        flag(task, CHANGE_ROUTING), flag(task, CHANGE_SLA), flag(task, CHANGE_NURTURE),
        task.getVariable(NEXT_REVIEW_OWNER));
  }

  private static Date date(DelegateTask task, String variable) {
    return Date.valueOf(LocalDate.parse((String) task.getVariable(variable)));
  }

  private static boolean flag(DelegateTask task, String variable) {
    return Boolean.TRUE.equals(task.getVariable(variable));
  }
}
