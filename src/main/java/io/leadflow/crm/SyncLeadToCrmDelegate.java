package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LeadReference;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Update lead in CRM": the accepted lead, with its owner, is created or updated in the CRM; data the CRM refuses goes
 * to marketing ops.
 */
@Component("syncLeadToCrm")
class SyncLeadToCrmDelegate implements JavaDelegate {

  private final LeadRepository leads;
  private final CrmRecords crm;

  SyncLeadToCrmDelegate(LeadRepository leads, CrmRecords crm) {
    this.leads = leads;
    this.crm = crm;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = leads.findById(LeadReference.of(execution))
        .orElseThrow();
    crm.refusalToMarketingOps(execution, () -> crm.upsertLead(execution, lead, "lead"));
  }
}
