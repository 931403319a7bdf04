package io.leadflow.lead;

import java.util.List;

/**
 * Published when a user corrected a lead's data, inside the transaction that changed it: a listener's work commits or
 * rolls back with the correction.
 *
 * @param fields the names of the changed fields, e.g. "phone" and "budget"
 */
public record LeadDataCorrected(Lead lead, List<String> fields) {
}
