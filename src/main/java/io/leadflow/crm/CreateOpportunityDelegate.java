package io.leadflow.crm;

import io.leadflow.lead.Lead;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Create opportunity in CRM": the sales-qualified lead becomes an opportunity with the rep's first forecast; lead
 * and opportunity are written to the CRM; data the CRM refuses goes to marketing ops.
 */
@Component("createOpportunity")
class CreateOpportunityDelegate implements JavaDelegate {

  private final Opportunities opportunities;
  private final CrmRecords crm;

  CreateOpportunityDelegate(Opportunities opportunities, CrmRecords crm) {
    this.opportunities = opportunities;
    this.crm = crm;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = opportunities.lead(execution);
    crm.refusalToMarketingOps(execution, () -> {
      crm.upsertLead(execution, lead, "lead");
      crm.upsertOpportunity(execution, lead, opportunities.withForecast(execution, lead), "opportunity");
    });
  }
}
