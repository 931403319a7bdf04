package io.leadflow.nurture;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.nurture.LeadNurture.Touch;
import io.leadflow.sla.WorkingTimeProperties;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When a nurtured lead is touched next: the earliest of the next drip step (its wait counted from the last step), a
 * follow-up date the lead gave, and the end of the nurture period (counted from the lead's last engagement). A pending
 * follow-up date keeps the lead in nurture until it is sent: the lead asked to hear from us then. A lead that may not
 * get marketing mail gets no touch but the end of the period. A dormant lead waits for the next step of its
 * re-engagement series (or a follow-up date); when there is none, or it may not get marketing mail, its series is over
 * now.
 */
@Component
class NurtureSchedule {

  /**
   * Where the lead's nurture stands, as its process keeps it.
   *
   * @param engagementsScored the engagements the last scoring counted
   * @param nurturePeriod how long a quiet lead stays in nurture (not asked for a dormant lead)
   * @param nextDripStep the drip or re-engagement step due next, none when the series is over
   * @param dripWait that step's wait after the last one, as the table gives it
   */
  record Standing(boolean dormant, int engagementsScored, Instant quietSince, Duration nurturePeriod,
      Instant startedAt, Integer nextDripStep, Instant lastDripAt, String dripWait) {
  }

  /** The next touch, and whether the lead engaged since it was last scored. */
  record Plan(boolean engagedMeanwhile, Touch touch, Instant at, UUID followUpId) {
  }

  private record FollowUp(UUID id, LocalDate dueOn) {
  }

  private final LeadRepository leads;
  private final NurtureEngagements engagements;
  private final WorkingTimeProperties calendar;
  private final JdbcTemplate jdbc;

  NurtureSchedule(LeadRepository leads, NurtureEngagements engagements, WorkingTimeProperties calendar,
      JdbcTemplate jdbc) {
    this.leads = leads;
    this.engagements = engagements;
    this.calendar = calendar;
    this.jdbc = jdbc;
  }

  Plan plan(UUID leadId, Standing standing, Instant now) {
    // locked, so that a report committing now is either counted here or finds the nurture waiting for it
    Lead lead = leads.findAndLock(leadId).orElseThrow();
    boolean engagedMeanwhile = engagements.count(leadId) > standing.engagementsScored();
    // a dormant lead waits for its re-engagement series only; once that is over, nothing is left to wait for
    Touch touch = standing.dormant() ? Touch.SERIES_OVER : Touch.DORMANCY;
    Instant at = standing.dormant() ? null : standing.quietSince().plus(standing.nurturePeriod());
    UUID followUpId = null;
    if (NurtureMails.mayReceive(lead)) {
      List<FollowUp> followUps = jdbc.query("select id, due_on from leadflow.nurture_follow_up "
              + "where lead_id = ? and sent_at is null and due_on >= ? order by due_on limit 1",
          (row, index) -> new FollowUp(row.getObject("id", UUID.class), row.getDate("due_on").toLocalDate()),
          leadId, Date.valueOf(standing.startedAt().atZone(calendar.timeZone()).toLocalDate()));
      if (!followUps.isEmpty()) {
        Instant followUpAt = followUps.get(0).dueOn().atTime(calendar.workStart()).atZone(calendar.timeZone())
            .toInstant();
        if (at == null || followUpAt.isBefore(at)) {
          touch = Touch.FOLLOW_UP;
          at = followUpAt;
          followUpId = followUps.get(0).id();
        }
      }
      if (standing.nextDripStep() != null) {
        Instant dripAt = standing.lastDripAt().plus(wait(standing.nextDripStep(), standing.dripWait()));
        if (at == null || dripAt.isBefore(at)) {
          touch = Touch.DRIP;
          at = dripAt;
          followUpId = null;
        }
      }
    }
    if (at == null || at.isBefore(now)) {
      at = now;
    }
    return new Plan(engagedMeanwhile, touch, at, touch == Touch.FOLLOW_UP ? followUpId : null);
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
}
