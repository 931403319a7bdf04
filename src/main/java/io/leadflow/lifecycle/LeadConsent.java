package io.leadflow.lifecycle;

import io.leadflow.lead.LeadRepository;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** The lead's marketing consent as the model's gateways ask for it, e.g. {@code ${leadConsent.optedOut(execution)}}. */
@Component("leadConsent")
public class LeadConsent {

  private final LeadRepository leads;

  LeadConsent(LeadRepository leads) {
    this.leads = leads;
  }

  /** Whether the lead unsubscribed from marketing email (and has not subscribed again since). */
  public boolean optedOut(DelegateExecution execution) {
    UUID leadId = LeadReference.of(execution);
    return leads.findById(leadId).orElseThrow().getUnsubscribedAt() != null;
  }
}
