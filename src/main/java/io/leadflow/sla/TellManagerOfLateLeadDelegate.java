package io.leadflow.sla;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.SideEffects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Tell manager about late lead": the people the acceptance policy escalated to and the manager of the team the late
 * rep was in learn about the missed deadline that "Reassign late lead" recorded ({@code lateBreach}), with the group
 * the policy named then.
 */
@Component("tellManagerOfLateLead")
class TellManagerOfLateLeadDelegate implements JavaDelegate {

  private final LeadRepository leads;
  private final SlaBreachRepository breaches;
  private final Escalations escalations;

  TellManagerOfLateLeadDelegate(LeadRepository leads, SlaBreachRepository breaches, Escalations escalations) {
    this.leads = leads;
    this.breaches = breaches;
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long breachId = (Long) execution.getVariable(LeadLifecycle.Variables.LATE_BREACH);
    SlaBreach breach = breaches.findById(breachId).orElseThrow(
        () -> new IllegalStateException("No SLA breach " + breachId + " to tell the manager about"));
    Lead lead = leads.findById(breach.getLeadId()).orElseThrow();
    escalations.send(SideEffects.key(execution, "escalation"), lead, breach, null,
        execution.getProcessInstanceId());
  }
}
