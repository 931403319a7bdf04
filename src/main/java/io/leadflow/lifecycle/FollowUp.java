package io.leadflow.lifecycle;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.Stage;
import io.leadflow.lead.StageChangeRepository;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Facts about the follow-up the model's gateways ask for, e.g. {@code ${followUp.contacted(execution)}}. */
@Component("followUp")
public class FollowUp {

  private final StageChangeRepository stageChanges;
  private final LeadActivityRepository activities;

  FollowUp(StageChangeRepository stageChanges, LeadActivityRepository activities) {
    this.stageChanges = stageChanges;
    this.activities = activities;
  }

  /**
   * Whether the rep has logged a contact attempt in the current follow-up, that is since the lead last entered SAL
   * (every follow-up starts right after the acceptance). Not since the start of the buying cycle: a lead that went back
   * to nurture and was accepted again keeps its cycle, and an attempt of its first follow-up must not count as the
   * first contact of the second.
   */
  public boolean contacted(DelegateExecution execution) {
    UUID leadId = LeadReference.of(execution);
    Instant accepted = stageChanges.lastEntered(leadId, Stage.SAL);
    if (accepted == null) {
      throw new IllegalStateException("Lead " + leadId + " is followed up but was never sales-accepted");
    }
    return activities.countByLeadIdAndTypeSince(leadId, ActivityType.CONTACT_ATTEMPT, accepted) > 0;
  }

  /** The contact attempts logged in the current follow-up (since the lead last entered SAL); 0 before any. */
  public long attempts(UUID leadId) {
    Instant accepted = stageChanges.lastEntered(leadId, Stage.SAL);
    return accepted == null ? 0 : activities.countByLeadIdAndTypeSince(leadId, ActivityType.CONTACT_ATTEMPT, accepted);
  }
}
