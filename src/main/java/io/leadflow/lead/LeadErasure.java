package io.leadflow.lead;

import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person's data on request: contact data on the lead and free-text notes in its activity log. The stage
 * history, the company and the channel stay, without the person, so the funnel figures stay right.
 */
@Service
public class LeadErasure {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;

  LeadErasure(LeadRepository leads, LeadActivityRepository activities) {
    this.leads = leads;
    this.activities = activities;
  }

  @Transactional
  public void erase(UUID leadId, Instant at) {
    Lead lead = leads.findById(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
    lead.erase(at);
    activities.findByLeadIdOrderByOccurredAtAsc(leadId).forEach(LeadActivity::erase);
  }
}
