package io.leadflow.lead;

import io.leadflow.crm.CrmErasure;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person's data on request: contact data on the lead, free-text notes in its activity log, the old and new
 * values of its corrections, the person's name in its opportunities, and the same in Leadflow's copies of CRM data.
 * The stage history, the company and the channel stay, without the person, so the funnel figures stay right.
 */
@Service
public class LeadErasure {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final LeadChangeRepository changes;
  private final OpportunityRepository opportunities;
  private final CrmErasure crm;

  LeadErasure(LeadRepository leads, LeadActivityRepository activities, LeadChangeRepository changes,
      OpportunityRepository opportunities, CrmErasure crm) {
    this.leads = leads;
    this.activities = activities;
    this.changes = changes;
    this.opportunities = opportunities;
    this.crm = crm;
  }

  @Transactional
  public void erase(UUID leadId, Instant at) {
    Lead lead = leads.findById(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
    lead.erase(at);
    activities.findByLeadIdOrderByOccurredAtAsc(leadId).forEach(LeadActivity::erase);
    changes.findByLeadId(leadId).forEach(LeadChange::erase);
    List<Opportunity> deals = opportunities.findByLeadIdOrderByCreatedAtAsc(leadId);
    deals.forEach(deal -> deal.erase(lead));
    crm.erase(lead, deals);
  }
}
