package io.leadflow.lifecycle;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Facts about the follow-up the model's gateways ask for, e.g. {@code ${followUp.contacted(execution)}}. */
@Component("followUp")
public class FollowUp {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;

  FollowUp(LeadRepository leads, LeadActivityRepository activities) {
    this.leads = leads;
    this.activities = activities;
  }

  /** Whether the rep has logged a contact attempt in the lead's current cycle. */
  public boolean contacted(DelegateExecution execution) {
    Lead lead = leads.findById(UUID.fromString((String) execution.getVariable(LeadLifecycle.Variables.LEAD_ID)))
        .orElseThrow();
    return activities.countByLeadIdAndCycleAndType(lead.getId(), lead.getCycle(), ActivityType.CONTACT_ATTEMPT) > 0;
  }
}
