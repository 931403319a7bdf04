package io.leadflow.sla;

import java.util.UUID;

/**
 * Published, inside the step's transaction, when a lead's task has passed its deadline and the breach is recorded:
 * what shows the task's urgency (its name and priority in Tasklist) follows.
 */
public record LeadDeadlineMissed(UUID leadId) {
}
