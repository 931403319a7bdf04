package io.leadflow.lead;

import java.util.UUID;

/**
 * Published when a lead's personal data is erased, inside the erasure's transaction: each feature erases its own
 * copies (records of captures, imports, retries) and commits or rolls back with the erasure.
 *
 * @param person what identified the person before the erasure, to find them in what the feature keeps
 */
public record LeadErased(UUID leadId, PersonalData person) {
}
