package io.leadflow.sla;

import java.time.Duration;

/**
 * The SLA policy's answer for one step: the deadline and how it counts, its cap, when to remind before it and how
 * often, whom to escalate to.
 *
 * @param deadline time allowed for the step; null when the step is due at the end of the working day
 * @param endOfWorkingDay the step is due at the end of the owning team's working day ("END_OF_WORKING_DAY")
 * @param counting how {@code deadline} and the reminders count: the owner's working hours, the hours of their working
 *     days, or every hour
 * @param maximum cap on the deadline, or null
 * @param maximumCounting how the cap counts
 * @param countFrom when the clock starts: when the step starts, or at the lead's request (speed to lead)
 * @param reminderBefore how long before the deadline to remind the owner, or null for no reminder
 * @param reminderEvery how often to remind during the step, or null
 * @param outOfHours whether reminders and escalations may fall outside the owner's working hours
 * @param minimumAttempts contact attempts the rep must have logged before ending the step as "no response", or null
 * @param escalateTo the group told when the deadline passes
 */
public record SlaPolicy(Duration deadline, boolean endOfWorkingDay, Counting counting, Duration maximum,
    Counting maximumCounting, CountFrom countFrom, Duration reminderBefore, Duration reminderEvery, boolean outOfHours,
    Integer minimumAttempts, String escalateTo) {

  /** How a duration of the policy counts ("slaTime", "slaMaximumTime"). */
  public enum Counting {
    /** Only the owner's working hours: 8 hours from Friday 15:00 are Monday 15:00 for a team working 9 to 17. */
    WORKING_HOURS,
    /** Every hour of the owner's working days, none of weekends and holidays: 24 hours from Friday 15:00 are Monday
     * 15:00. */
    WORKING_DAYS,
    /** Every hour. */
    CALENDAR
  }

  /** When the clock of a step starts ("slaCountFrom"). */
  public enum CountFrom {
    /** When the step starts: the task is created, the follow-up begins. */
    STEP,
    /** When the lead asked for a demo or contact: speed to lead counts acceptance and first contact together. */
    REQUEST
  }
}
