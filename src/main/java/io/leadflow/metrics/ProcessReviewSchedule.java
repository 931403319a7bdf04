package io.leadflow.metrics;

import java.time.Duration;
import java.time.Period;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
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

  /**
   * A cron expression as Camunda 7.24 reads it (cron-utils' Spring syntax): six fields, seconds first, no year, in
   * the JVM's time zone. By default 07:00 on the first day of each quarter.
   */
  private String cycle = "0 0 7 1 1/3 ?";
  /** The period the key figures cover, ending the day before the review. */
  private Period period = Period.ofMonths(3);
  /** How long the reviewers have; when it has passed they are reminded. */
  private Duration dueWithin = Duration.ofDays(14);
  /** When the task comes back to the top of Tasklist's follow-up order, before it is due. */
  private Duration followUpWithin = Duration.ofDays(7);

  public String getCycle() {
    return cycle;
  }

  /** Parsed here as the engine parses it, so that a bad cycle stops the start instead of failing the timer later. */
  public void setCycle(String cycle) {
    try {
      new CycleBusinessCalendar().resolveDuedate(cycle);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + cycle + "' is not a timer cycle: use a cron expression with six "
          + "fields, seconds first, e.g. 0 0 7 1 1/3 ? (07:00 on the first day of each quarter)", e);
    }
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

  public Duration getFollowUpWithin() {
    return followUpWithin;
  }

  public void setFollowUpWithin(Duration followUpWithin) {
    this.followUpWithin = followUpWithin;
  }
}
