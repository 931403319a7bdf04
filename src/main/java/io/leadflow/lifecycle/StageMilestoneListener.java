package io.leadflow.lifecycle;

import io.leadflow.lead.LeadStages;
import io.leadflow.lead.Stage;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records the stage a lead reaches at a milestone of the lifecycle. The stage (and a fixed reason, or the variable
 * holding the reason) are extension properties of the model element, so a designer sees and changes them in Modeler;
 * the change commits with the process step that reached it.
 */
@Component("stageMilestone")
class StageMilestoneListener implements ExecutionListener {

  private final LeadStages stages;
  private final LeadTaskColumns columns;

  StageMilestoneListener(LeadStages stages, LeadTaskColumns columns) {
    this.stages = stages;
    this.columns = columns;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Stage stage = Stage.valueOf(ElementProperties.required(execution, LeadLifecycle.Properties.STAGE));
    String reason = ElementProperties.get(execution, LeadLifecycle.Properties.REASON);
    String reasonVariable = ElementProperties.get(execution, LeadLifecycle.Properties.REASON_VARIABLE);
    if (reason == null && reasonVariable != null && execution.getVariable(reasonVariable) != null) {
      reason = execution.getVariable(reasonVariable).toString();
    }
    UUID leadId = LeadReference.of(execution);
    stages.move(leadId, stage, CurrentUser.of(execution), reason, ClockUtil.now().toInstant());
    execution.setVariable(LeadLifecycle.Variables.STAGE, stage.name());
    // a task of the lead open meanwhile (a printed kit to send) shows the new stage
    columns.refresh(leadId);
  }
}
