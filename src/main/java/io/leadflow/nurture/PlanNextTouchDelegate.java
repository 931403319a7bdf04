package io.leadflow.nurture;

import static io.leadflow.nurture.LeadNurture.Variables.*;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.nurture.LeadNurture.Touch;
import io.leadflow.sla.SlaDeadlines;
import io.leadflow.sla.SlaStep;
import io.leadflow.sla.WorkingTimeProperties;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * "Plan next touch": the earliest of the next drip step (its wait counted from the last step), a follow-up date the
 * lead gave, and the end of the nurture period (counted from the lead's last engagement). A pending follow-up date
 * keeps the lead in nurture until it is sent: the lead asked to hear from us then. A lead that may not get marketing
 * mail gets no touch but the end of the period. A dormant lead waits for the next step of its re-engagement series
 * (or a follow-up date); when there is none, or it may not get marketing mail, its series is over now.
 */
@Component("planNextTouch")
class PlanNextTouchDelegate implements JavaDelegate {

  /** A follow-up date the lead gave, not sent yet. */
  private record FollowUp(UUID id, LocalDate dueOn) {
  }

  private final LeadRepository leads;
  private final NurtureEngagements engagements;
  private final SlaDeadlines deadlines;
  private final WorkingTimeProperties calendar;
  private final JdbcTemplate jdbc;

  PlanNextTouchDelegate(LeadRepository leads, NurtureEngagements engagements, SlaDeadlines deadlines,
      WorkingTimeProperties calendar, JdbcTemplate jdbc) {
    this.leads = leads;
    this.engagements = engagements;
    this.deadlines = deadlines;
    this.calendar = calendar;
    this.jdbc = jdbc;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID leadId = LeadReference.of(execution);
    // locked, so that a report committing now is either counted here or finds the nurture waiting for it
    Lead lead = leads.findAndLock(leadId).orElseThrow();
    execution.setVariable(ENGAGED_MEANWHILE,
        engagements.count(leadId) > (Integer) execution.getVariable(ENGAGEMENTS_SCORED));

    Instant now = ClockUtil.now().toInstant();
    boolean dormant = Boolean.TRUE.equals(execution.getVariable(DORMANT));
    // a dormant lead waits for its re-engagement series only; once that is over, nothing is left to wait for
    Touch touch = dormant ? Touch.SERIES_OVER : Touch.DORMANCY;
    Instant at = dormant ? null
        : instant(execution, QUIET_SINCE).plus(deadlines.policy(execution, SlaStep.NURTURE_PERIOD).deadline());
    UUID followUpId = null;
    if (NurtureMails.mayReceive(lead)) {
      List<FollowUp> followUps = jdbc.query("select id, due_on from leadflow.nurture_follow_up "
              + "where lead_id = ? and sent_at is null and due_on >= ? order by due_on limit 1",
          (row, index) -> new FollowUp(row.getObject("id", UUID.class), row.getDate("due_on").toLocalDate()),
          leadId, Date.valueOf(localDate(instant(execution, NURTURE_STARTED_AT))));
      if (!followUps.isEmpty()) {
        Instant followUpAt = followUps.get(0).dueOn().atTime(calendar.workStart()).atZone(calendar.timeZone())
            .toInstant();
        if (at == null || followUpAt.isBefore(at)) {
          touch = Touch.FOLLOW_UP;
          at = followUpAt;
          followUpId = followUps.get(0).id();
        }
      }
      Integer nextStep = (Integer) execution.getVariable(NEXT_DRIP_STEP);
      if (nextStep != null) {
        Instant dripAt = instant(execution, LAST_DRIP_AT)
            .plus(wait(nextStep, (String) execution.getVariable(DRIP_WAIT)));
        if (at == null || dripAt.isBefore(at)) {
          touch = Touch.DRIP;
          at = dripAt;
          followUpId = null;
        }
      }
    }
    if (at == null) {
      at = now;
    }
    execution.setVariable(NEXT_TOUCH, touch.name());
    execution.setVariable(NEXT_TOUCH_AT, java.util.Date.from(at.isBefore(now) ? now : at));
    execution.setVariable(FOLLOW_UP_ID, touch == Touch.FOLLOW_UP ? followUpId.toString() : null);
  }

  private static Duration wait(int step, String wait) {
    try {
      if (wait != null) {
        return Duration.parse(wait);
      }
    } catch (DateTimeParseException notADuration) {
      // reported below, naming the table and the step
    }
    throw new IllegalStateException("Nurture drip series (dmn/NurtureDrip.dmn), step " + step + ": the wait '"
        + wait + "' is not a duration in days or hours such as P14D or PT12H");
  }

  private LocalDate localDate(Instant instant) {
    return instant.atZone(calendar.timeZone()).toLocalDate();
  }

  private static Instant instant(DelegateExecution execution, String variable) {
    return ((java.util.Date) execution.getVariable(variable)).toInstant();
  }
}
