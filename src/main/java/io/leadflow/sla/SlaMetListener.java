package io.leadflow.sla;

import io.leadflow.lifecycle.ElementProperties;
import io.leadflow.lifecycle.LeadLifecycle;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * When a user task with an SLA step ({@code slaStep} extension property) is completed, its breaches are resolved and
 * their incidents leave Cockpit.
 */
@Component("slaMet")
class SlaMetListener implements TaskListener {

  private final SlaBreaches breaches;

  SlaMetListener(SlaBreaches breaches) {
    this.breaches = breaches;
  }

  @Override
  public void notify(DelegateTask task) {
    String step = ElementProperties.get(task, LeadLifecycle.Properties.SLA_STEP);
    if (step != null) {
      breaches.resolve(task.getProcessInstanceId(), SlaStep.valueOf(step), ClockUtil.now().toInstant());
    }
  }
}
