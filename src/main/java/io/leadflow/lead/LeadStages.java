package io.leadflow.lead;

import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves leads between stages. Joins the caller's transaction, so a stage change commits with its process step, and
 * so does what the {@link LeadStageChanged} it publishes sets off.
 */
@Service
public class LeadStages {

  private final LeadRepository leads;
  private final StageChangeRepository changes;
  private final ApplicationEventPublisher events;

  LeadStages(LeadRepository leads, StageChangeRepository changes, ApplicationEventPublisher events) {
    this.leads = leads;
    this.changes = changes;
    this.events = events;
  }

  @Transactional
  public StageChange move(UUID leadId, Stage to, String by, String reason, Instant at) {
    Lead lead = leads.findById(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
    StageChange change = changes.save(lead.moveTo(to, by, reason, at));
    events.publishEvent(new LeadStageChanged(lead, change));
    return change;
  }
}
