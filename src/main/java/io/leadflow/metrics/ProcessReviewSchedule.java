package io.leadflow.metrics;

import java.time.Duration;
import java.time.Period;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * When the lead process is reviewed ({@code leadflow.process-review.*}), read by bpmn/LeadProcessReview.bpmn as
 * {@code ${processReview.cycle}}. The engine evaluates the cycle again each time it falls due
 * ({@code reevaluateTimeCycleWhenDue}), so a changed cycle applies from the next review on, after a restart.
 */
@Component("processReview")
@ConfigurationProperties("leadflow.process-review")
public class ProcessReviewSchedule {

  /** A cron expression (seconds first): by default 07:00 on the first day of each quarter. */
  private String cycle = "0 0 7 1 1/3 ?";
  /** The period the key figures cover, ending the day before the review. */
  private Period period = Period.ofMonths(3);
  /** How long the reviewers have. */
  private Duration dueWithin = Duration.ofDays(14);

  public String getCycle() {
    return cycle;
  }

  public void setCycle(String cycle) {
    this.cycle = cycle;
  }

  public Period getPeriod() {
    return period;
  }

  public void setPeriod(Period period) {
    this.period = period;
  }

  public Duration getDueWithin() {
    return dueWithin;
  }

  public void setDueWithin(Duration dueWithin) {
    this.dueWithin = dueWithin;
  }

  /** The review task's due date, for the model's {@code camunda:dueDate}. */
  public Date dueDate() {
    return Date.from(ClockUtil.now().toInstant().plus(dueWithin));
  }
}
