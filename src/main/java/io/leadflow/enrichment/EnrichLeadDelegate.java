package io.leadflow.enrichment;

import io.leadflow.lifecycle.LeadReference;
import io.leadflow.system.SideEffects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Enrich lead": see {@link LeadEnrichment}. */
@Component("enrichLead")
class EnrichLeadDelegate implements JavaDelegate {

  private final LeadEnrichment enrichment;

  EnrichLeadDelegate(LeadEnrichment enrichment) {
    this.enrichment = enrichment;
  }

  @Override
  public void execute(DelegateExecution execution) {
    enrichment.enrich(LeadReference.of(execution), SideEffects.key(execution, "enrichment-note"));
  }
}
