package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Opportunity;
import io.leadflow.lifecycle.LeadLifecycle.Variables;
import io.leadflow.routing.CustomerAccount;
import io.leadflow.routing.CustomerAccountRepository;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Record outcome in CRM": the deal is won, lost (to whom and why) or on hold, in Leadflow and in the CRM. A won
 * lead's company becomes a customer account owned by the rep, so that its next leads go straight to them.
 */
@Component("recordOpportunityOutcome")
class RecordOpportunityOutcomeDelegate implements JavaDelegate {

  private final Opportunities opportunities;
  private final CustomerAccountRepository customers;
  private final CrmRecords crm;

  RecordOpportunityOutcomeDelegate(Opportunities opportunities, CustomerAccountRepository customers, CrmRecords crm) {
    this.opportunities = opportunities;
    this.customers = customers;
    this.crm = crm;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = ClockUtil.now().toInstant();
    Lead lead = opportunities.lead(execution);
    Opportunity deal = opportunities.withForecast(execution, lead);
    Opportunity.State state = Opportunity.State.valueOf((String) execution.getVariable(Variables.OPPORTUNITY_OUTCOME));
    String lostTo = (String) execution.getVariable(Variables.LOST_TO);
    String lostReason = (String) execution.getVariable(Variables.LOST_REASON);
    deal.moveTo(state, lostReason, lostTo, now);
    if (state == Opportunity.State.LOST) {
      execution.setVariable(Variables.STAGE_REASON, "Lost to " + lostTo + ": " + lostReason);
    }
    if (state == Opportunity.State.WON && lead.getCompanyDomain() != null
        && !customers.existsById(lead.getCompanyDomain()) && lead.getOwner() != null) {
      customers.save(new CustomerAccount(lead.getCompanyDomain(), lead.getCompany(), lead.getOwner(), lead.getTeam()));
    }
    crm.upsertOpportunity(execution, lead, deal, "outcome");
  }
}
