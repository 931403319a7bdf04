package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Opportunity;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** "Update forecast": the rep's new amount and close date, in Leadflow and in the CRM. */
@Component("updateForecast")
class UpdateForecastDelegate implements JavaDelegate {

  private final Opportunities opportunities;
  private final CrmRecords crm;
  private final String currency;

  UpdateForecastDelegate(Opportunities opportunities, CrmRecords crm,
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
    crm.upsertOpportunity(execution, lead, deal, "forecast");
  }
}
