package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.OpportunityRepository;
import io.leadflow.lifecycle.LeadReference;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Update lead in CRM" of process CrmLeadUpdate: sends the lead as it is when the step runs, or, once it is erased,
 * removes the person from the CRM. The lead's row stays locked until the step commits, so a stage change that comes
 * meanwhile waits, and its own step, which runs after it, sends the newer state: of two changes in quick succession
 * the CRM ends with the later one. A refusal is retried and ends in an incident; there is no lifecycle left to send
 * the lead to marketing ops, and a closed lead's data is nothing they would correct.
 */
@Component("updateLeadInCrm")
class UpdateLeadInCrmDelegate implements JavaDelegate {

  private final LeadRepository leads;
  private final OpportunityRepository opportunities;
  private final CrmRecords crm;

  UpdateLeadInCrmDelegate(LeadRepository leads, OpportunityRepository opportunities, CrmRecords crm) {
    this.leads = leads;
    this.opportunities = opportunities;
    this.crm = crm;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID leadId = LeadReference.of(execution);
    Lead lead = leads.findAndLock(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist in Leadflow"));
    if (lead.getErasedAt() != null) {
      crm.eraseLead(execution, lead, opportunities.findByLeadIdOrderByCreatedAtAsc(leadId));
    } else {
      crm.upsertLead(execution, lead, "lead");
    }
  }
}
