package io.leadflow.metrics;

import static io.leadflow.metrics.LeadProcessReview.Variables.*;

import io.leadflow.system.JsonVariables;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Gather key figures": the funnel of the period before the review and the SLA table of today ({@link KeyFigures}),
 * as tables the review form shows; and when the review is due.
 */
@Component("gatherKeyFigures")
class GatherKeyFiguresDelegate implements JavaDelegate {

  private final KeyFigures keyFigures;
  private final ProcessReviewSchedule schedule;

  GatherKeyFiguresDelegate(KeyFigures keyFigures, ProcessReviewSchedule schedule) {
    this.keyFigures = keyFigures;
    this.schedule = schedule;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = ClockUtil.now().toInstant();
    // set here, once, so that the task's due date and its deadline timer are the same instant
    execution.setVariable(DUE_AT, Date.from(now.plus(schedule.getDueWithin())));
    execution.setVariable(FOLLOW_UP_AT, Date.from(now.plus(schedule.getFollowUpWithin())));
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    MetricsFilter period = new MetricsFilter(today.minus(schedule.getPeriod()), today.minusDays(1), null, null, null,
        null, null);
    execution.setVariable(PERIOD_FROM, period.from().toString());
    execution.setVariable(PERIOD_TO, period.to().toString());
    keyFigures.of(period).forEach((name, table) -> execution.setVariable(name, JsonVariables.of(table)));
  }
}
