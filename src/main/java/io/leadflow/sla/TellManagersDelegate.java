package io.leadflow.sla;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.ElementProperties;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.SideEffects;
import java.util.EnumSet;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Tell managers about ...": the people the SLA policy escalated a missed deadline to, and the manager of the team it
 * counts against, learn of the breach the step before recorded (the one of the deadline that passed: its SLA step
 * {@code slaStep}, the due date of the timer that led here). Nothing when the escalation found the work done.
 */
@Component("tellManagers")
class TellManagersDelegate implements JavaDelegate {

  /**
   * Steps whose late work stays with its owner, who is alerted with the manager ("Owner and manager alerted" in the
   * model). The other escalations go to those who can step in.
   */
  private static final Set<SlaStep> OWNER_ALERTED = EnumSet.of(SlaStep.OPPORTUNITY_STAGE);

  private final LeadRepository leads;
  private final SlaBreachRepository breaches;
  private final SlaDeadlines deadlines;
  private final Escalations escalations;

  TellManagersDelegate(LeadRepository leads, SlaBreachRepository breaches, SlaDeadlines deadlines,
      Escalations escalations) {
    this.leads = leads;
    this.breaches = breaches;
    this.deadlines = deadlines;
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaStep step = SlaStep.valueOf(ElementProperties.required(execution, LeadLifecycle.Properties.SLA_STEP));
    deadlines.passed(execution)
        .flatMap(due -> breaches.findByDeadline(execution.getProcessInstanceId(), step, due).stream().findFirst())
        .ifPresent(breach -> {
          Lead lead = leads.findById(breach.getLeadId()).orElseThrow();
          escalations.send(SideEffects.key(execution, "escalation"), lead, breach,
              OWNER_ALERTED.contains(step) ? breach.getOwner() : null, execution.getProcessInstanceId());
        });
  }
}
