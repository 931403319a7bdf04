package io.leadflow.lead;

import java.util.UUID;

/**
 * Published when what names a lead to the people working it changed (its name, company or score), inside the
 * transaction that changed it, so that what shows the lead (task names in Tasklist) follows.
 */
public record LeadDetailsChanged(UUID leadId) {
}
