package io.leadflow.crm;

import java.time.Instant;
import java.util.UUID;

/**
 * An activity on a lead. {@code activityId} is the external id.
 *
 * @param type what happened: CALL, EMAIL, MEETING or EMAIL_SENT
 * @param outcome how it ended, for contact attempts (e.g. REACHED, NO_ANSWER, VOICEMAIL); may be null
 */
public record CrmActivity(
    UUID activityId, UUID leadId, String type, String subject, String outcome, String note, Instant occurredAt,
    String ownerEmail) {
}
