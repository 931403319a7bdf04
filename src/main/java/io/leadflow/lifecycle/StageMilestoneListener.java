package io.leadflow.lifecycle;

import io.leadflow.lead.LeadStages;
import io.leadflow.lead.Stage;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Records the stage a lead reaches at a milestone of the lifecycle. The stage is an extension property of the model
 * element, so a designer sees and changes it in Modeler; the change commits with the process step that reached it.
 */
@Component("stageMilestone")
class StageMilestoneListener implements ExecutionListener {

  static final String SYSTEM_USER = "system";

  private final LeadStages stages;

  StageMilestoneListener(LeadStages stages) {
    this.stages = stages;
  }

  @Override
  public void notify(DelegateExecution execution) {
    BaseElement element = (BaseElement) execution.getBpmnModelElementInstance();
    String stage = property(element, LeadLifecycle.Properties.STAGE);
    if (stage == null) {
      throw new IllegalStateException("Milestone " + element.getId() + " has no '"
          + LeadLifecycle.Properties.STAGE + "' extension property");
    }
    String reasonVariable = property(element, LeadLifecycle.Properties.REASON_VARIABLE);
    Object reason = reasonVariable == null ? null : execution.getVariable(reasonVariable);
    UUID leadId = UUID.fromString((String) execution.getVariable(LeadLifecycle.Variables.LEAD_ID));
    stages.move(leadId, Stage.valueOf(stage), currentUser(execution), reason == null ? null : reason.toString(),
        ClockUtil.now().toInstant());
  }

  private static String currentUser(DelegateExecution execution) {
    Authentication authentication = execution.getProcessEngineServices().getIdentityService()
        .getCurrentAuthentication();
    return authentication == null ? SYSTEM_USER : authentication.getUserId();
  }

  private static String property(BaseElement element, String name) {
    CamundaProperties properties = element.getExtensionElements() == null ? null
        : element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
            .stream().findFirst().orElse(null);
    if (properties == null) {
      return null;
    }
    return properties.getCamundaProperties().stream()
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst().orElse(null);
  }
}
