package io.leadflow.crm;

import io.leadflow.lead.LeadStageChanged;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends every stage change of a lead the CRM holds to the CRM, through process CrmLeadUpdate: its step is retried and
 * ends in an incident like every other CRM call. Started in the stage change's transaction, so a change that rolls
 * back sends nothing and one that commits cannot be missed. Leads the CRM does not hold yet cost nothing here; they
 * reach it with their owner when sales accepts them (the lifecycle's "Update lead in CRM").
 */
@Component
class CrmLeadUpdates {

  private final RuntimeService runtime;

  CrmLeadUpdates(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @EventListener
  void send(LeadStageChanged changed) {
    if (changed.lead().getInCrmSince() == null) {
      return;
    }
    String leadId = changed.lead().getId().toString();
    runtime.startProcessInstanceByKey(CrmLeadUpdate.PROCESS_KEY, leadId, Variables.createVariables()
        .putValue(CrmLeadUpdate.Variables.LEAD_ID, leadId)
        .putValue(CrmLeadUpdate.Variables.STAGE, changed.change().getToStage().name()));
  }
}
