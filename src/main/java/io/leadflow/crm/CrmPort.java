package io.leadflow.crm;

import io.leadflow.lead.CrmSummaries;
import io.leadflow.lead.CrmSummary;
import java.util.List;
import java.util.UUID;

/**
 * What the lead lifecycle needs from a CRM. Every write is an upsert keyed by Leadflow's own id (the external id), so
 * that a retried call updates the record it created instead of creating a second one.
 *
 * <p>Failures: {@link CrmUnavailableException} when the CRM cannot be reached or asks to slow down (the step retries
 * and ends in an incident), {@link CrmRejectedException} when the CRM refuses the data (the steps that write the
 * lead send it to marketing ops to fix, the others fail as in an outage; see {@link CrmRecords}).
 */
public interface CrmPort extends CrmSummaries {

  /** Creates or updates the lead or contact, including its owner. Returns the CRM's id of the record. */
  String upsertLead(CrmLead lead);

  /** Logs an activity (contact attempt, email sent) on the lead. Returns the CRM's id of the activity. */
  String logActivity(CrmActivity activity);

  /** Creates or updates the opportunity: its stage, and when closed, won or lost with the reason. */
  String upsertOpportunity(CrmOpportunity opportunity);

  /**
   * Right to erasure in the CRM: the person goes from the lead and its activities, and the opportunities the CRM holds
   * take the names given (which no longer name the person). Repeating it changes nothing.
   *
   * @param opportunities the lead's opportunities, already erased in Leadflow
   */
  void eraseLead(UUID leadId, List<CrmOpportunity> opportunities);

  /** What the CRM holds for a lead, shown on the lead's page in the API. */
  @Override
  CrmSummary summary(UUID leadId);
}
