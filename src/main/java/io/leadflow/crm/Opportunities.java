package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Opportunity;
import io.leadflow.lead.OpportunityRepository;
import io.leadflow.lifecycle.LeadLifecycle.Variables;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.system.SideEffectIds;
import io.leadflow.system.SideEffects;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** The lead's opportunity as the process variables of the opportunity forms describe it. */
@Service
class Opportunities {

  private final LeadRepository leads;
  private final OpportunityRepository opportunities;
  private final String currency;

  Opportunities(LeadRepository leads, OpportunityRepository opportunities,
      @Value("${leadflow.currency:EUR}") String currency) {
    this.leads = leads;
    this.opportunities = opportunities;
    this.currency = currency;
  }

  Lead lead(DelegateExecution execution) {
    return leads.findById(LeadReference.of(execution)).orElseThrow();
  }

  /**
   * The process's opportunity with the forecast of the form just completed (amount, expected close date). The first
   * call creates it, in the step's transaction, and remembers its id in the process.
   */
  Opportunity withForecast(DelegateExecution execution, Lead lead) {
    Object id = execution.getVariable(Variables.OPPORTUNITY_ID);
    Opportunity deal = id != null ? opportunities.findById(UUID.fromString(id.toString())).orElseThrow()
        : created(execution, lead);
    execution.setVariable(Variables.OPPORTUNITY_ID, deal.getId().toString());
    Object amount = execution.getVariable(Variables.OPPORTUNITY_AMOUNT);
    Object close = execution.getVariable(Variables.EXPECTED_CLOSE_DATE);
    deal.forecast(amount == null ? deal.getAmount() : new BigDecimal(amount.toString()),
        close == null || close.toString().isBlank() ? deal.getExpectedCloseDate() : date(close.toString()));
    return deal;
  }

  /**
   * The new opportunity's id is the CRM's external id. It comes from the step's side-effect key, not at random: a step
   * that upserted the opportunity and then rolled back (a lost answer, a crash before the commit) upserts the same
   * one when it runs again instead of a second.
   */
  private Opportunity created(DelegateExecution execution, Lead lead) {
    UUID id = SideEffectIds.of(SideEffects.key(execution, "opportunity"));
    return opportunities.findById(id).orElseGet(() -> opportunities.save(
        new Opportunity(id, lead, currency, ClockUtil.now().toInstant())));
  }

  private static LocalDate date(String value) {
    // a date field sends "2027-03-31"; an API client may send a full timestamp
    return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
  }
}
