package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Opportunity;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * "Create opportunity in CRM": the sales-qualified lead becomes an opportunity with the rep's first forecast; lead
 * and opportunity are written to the CRM.
 */
@Component("createOpportunity")
class CreateOpportunityDelegate implements JavaDelegate {

  private final Opportunities opportunities;
  private final CrmRecords crm;
  private final String currency;

  CreateOpportunityDelegate(Opportunities opportunities, CrmRecords crm,
      @Value("${leadflow.currency:EUR}") String currency) {
    this.opportunities = opportunities;
    this.crm = crm;
    this.currency = currency;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = opportunities.lead(execution);
    Opportunity deal = opportunities.current(execution, lead, currency, ClockUtil.now().toInstant());
    opportunities.forecast(execution, deal);
    crm.upsertLead(execution, lead, "lead");
    crm.upsertOpportunity(execution, lead, deal, "opportunity");
  }
}
