package io.leadflow.lead;

/**
 * Published when a lead got another owner (or went to its team's queue), inside the transaction that changed it: a
 * listener's work commits or rolls back with the change.
 */
public record LeadOwnerChanged(Lead lead) {
}
