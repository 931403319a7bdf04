package io.leadflow.sla;

import java.time.Duration;

/**
 * The SLA policy's answer for one step: the deadline, when to remind before it, how often to remind, the cap in
 * calendar time, and whom to escalate to.
 *
 * @param deadline time allowed for the step; null when the step is due at the end of the working day
 * @param endOfWorkingDay the step is due at the end of the owning team's working day ("END_OF_WORKING_DAY")
 * @param workingTime whether {@code deadline} counts working time of the owning team (else calendar time)
 * @param maximum calendar-time cap on the deadline, or null
 * @param reminderBefore how long before the deadline to remind the owner, or null for no reminder
 * @param reminderEvery how often to remind during the step, or null
 * @param escalateTo the group told when the deadline passes
 */
public record SlaPolicy(Duration deadline, boolean endOfWorkingDay, boolean workingTime, Duration maximum, Duration reminderBefore,
    Duration reminderEvery, String escalateTo) {
}
