package io.leadflow.crm;

import io.leadflow.lead.Lead;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Update forecast": the rep's new amount and close date, in Leadflow and in the CRM. */
@Component("updateForecast")
class UpdateForecastDelegate implements JavaDelegate {

  private final Opportunities opportunities;
  private final CrmRecords crm;

  UpdateForecastDelegate(Opportunities opportunities, CrmRecords crm) {
    this.opportunities = opportunities;
    this.crm = crm;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = opportunities.lead(execution);
    crm.upsertOpportunity(execution, lead, opportunities.withForecast(execution, lead), "forecast");
  }
}
