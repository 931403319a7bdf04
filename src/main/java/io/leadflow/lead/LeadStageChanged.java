package io.leadflow.lead;

/**
 * Published when a lead moved to another stage, inside the transaction that moved it: a listener's work commits or
 * rolls back with the change.
 */
public record LeadStageChanged(Lead lead, StageChange change) {
}
