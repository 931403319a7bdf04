package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadDataCorrected;
import io.leadflow.lead.LeadOwnerChanged;
import io.leadflow.lead.LeadStageChanged;
import io.leadflow.system.EngineAsSystem;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends every new stage, owner and corrected data of a lead the CRM holds to the CRM, through process CrmLeadUpdate:
 * its step is retried and ends in an incident like every other CRM call. Started in the change's transaction, so a
 * change that rolls back sends nothing and one that commits cannot be missed. Started as the system: the manager who
 * reassigns a lead through the API may not start processes, and need not. Leads the CRM does not hold yet cost nothing
 * here; they reach it with their owner when sales accepts them (the lifecycle's "Update lead in CRM").
 */
@Component
class CrmLeadUpdates {

  private final RuntimeService runtime;
  private final EngineAsSystem asSystem;

  CrmLeadUpdates(RuntimeService runtime, EngineAsSystem asSystem) {
    this.runtime = runtime;
    this.asSystem = asSystem;
  }

  @EventListener
  void send(LeadStageChanged changed) {
    send(changed.lead(), "stage " + changed.change().getToStage().name());
  }

  @EventListener
  void send(LeadOwnerChanged changed) {
    Lead lead = changed.lead();
    send(lead, "owner " + (lead.getOwner() == null ? "none (queue of team " + lead.getTeam() + ")" : lead.getOwner()));
  }

  @EventListener
  void send(LeadDataCorrected corrected) {
    send(corrected.lead(), "data " + String.join(", ", corrected.fields()));
  }

  private void send(Lead lead, String change) {
    if (lead.getInCrmSince() == null) {
      return;
    }
    String leadId = lead.getId().toString();
    asSystem.run(() -> runtime.startProcessInstanceByKey(CrmLeadUpdate.PROCESS_KEY, leadId,
        Variables.createVariables()
            .putValue(CrmLeadUpdate.Variables.LEAD_ID, leadId)
            .putValue(CrmLeadUpdate.Variables.CHANGE, change)));
  }
}
