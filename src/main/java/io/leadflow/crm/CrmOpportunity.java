package io.leadflow.crm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An opportunity created from a sales-qualified lead. {@code opportunityId} is the external id.
 *
 * @param stage OPEN, ON_HOLD, WON or LOST
 * @param lostReason why it was lost (required when LOST)
 * @param lostTo the competitor it was lost to (required when LOST; "none" for no decision)
 */
public record CrmOpportunity(
    UUID opportunityId, UUID leadId, String name, BigDecimal amount, String currency, LocalDate expectedCloseDate,
    String stage, String lostReason, String lostTo, String ownerEmail) {
}
