package io.leadflow.lead;

import java.util.List;

/**
 * What the CRM holds for a lead.
 *
 * @param system "built-in" or "salesforce"
 * @param leadRecordId the CRM's id of the lead, null if not synchronised yet
 * @param leadUrl where to open it in the CRM, if it has a web page
 */
public record CrmSummary(String system, String leadRecordId, String leadUrl, List<Record> activities,
    List<Record> opportunities) {

  /** One CRM record: its external id (Leadflow's id), the CRM's id, and a short description. */
  public record Record(String externalId, String recordId, String description) {
  }
}
