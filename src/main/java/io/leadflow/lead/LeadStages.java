package io.leadflow.lead;

import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moves leads between stages. Joins the caller's transaction, so a stage change commits with its process step. */
@Service
public class LeadStages {

  private final LeadRepository leads;
  private final StageChangeRepository changes;

  LeadStages(LeadRepository leads, StageChangeRepository changes) {
    this.leads = leads;
    this.changes = changes;
  }

  @Transactional
  public StageChange move(UUID leadId, Stage to, String by, String reason, Instant at) {
    Lead lead = leads.findById(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
    return changes.save(lead.moveTo(to, by, reason, at));
  }
}
