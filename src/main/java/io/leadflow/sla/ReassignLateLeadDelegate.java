package io.leadflow.sla;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.routing.Assignment;
import io.leadflow.routing.LeadAssignment;
import java.time.Instant;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Reassign late lead": the rep did not accept in time. The breach counts against them and the team's next rep (or
 * the team's queue) gets the lead. The manager is told in a step of its own ("Tell manager about late lead"): the
 * round robin's turn holds the team's row until this step commits, which must not wait for a mail server.
 */
@Component("reassignLateLead")
class ReassignLateLeadDelegate implements JavaDelegate {

  private final LeadRepository leads;
  private final LeadAssignment assignment;
  private final SlaBreaches breaches;
  private final SlaDeadlines deadlines;

  ReassignLateLeadDelegate(LeadRepository leads, LeadAssignment assignment, SlaBreaches breaches,
      SlaDeadlines deadlines) {
    this.leads = leads;
    this.assignment = assignment;
    this.breaches = breaches;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = leads.findById(LeadReference.of(execution))
        .orElseThrow();
    String lateRep = (String) execution.getVariable(LeadLifecycle.Variables.SALES_REP);
    String team = (String) execution.getVariable(LeadLifecycle.Variables.SALES_TEAM);
    Instant now = ClockUtil.now().toInstant();
    // the policy decided here also gives the next rep's task its deadline, in this transaction (decided once)
    String escalateTo = deadlines.policy(execution, SlaStep.ACCEPTANCE).escalateTo();
    // a step of its own after the timer, which may run late when many deadlines pass at once
    Instant due = deadlines.passed(execution).orElse(now);
    // the incident sits on the process instance, which outlives this step, until the next rep accepts (slaMet). While
    // another path of the instance is open (a reminder waiting for the mail server), the instance itself is at no
    // activity and takes no incident: the path that carries the lead on to the next rep takes it.
    DelegateExecution instance = execution.getProcessInstance();
    String incidentOn = instance.getCurrentActivityId() != null ? instance.getId() : execution.getId();
    SlaBreach breach = breaches.record(new SlaBreach(lead.getId(), SlaStep.ACCEPTANCE, lateRep, team, due, now,
        execution.getProcessInstanceId(), escalateTo), incidentOn, lead.getFullName());
    Assignment next = assignment.assignWithinTeam(lead.getId(), team, null,
        lateRep == null ? Set.of() : Set.of(lateRep),
        "Reassigned: " + (lateRep == null ? "nobody" : lateRep) + " did not accept in time",
        CurrentUser.of(execution), now);
    execution.setVariable(LeadLifecycle.Variables.SALES_REP, next.rep());
    execution.setVariable(LeadLifecycle.Variables.ROUTING_REASON, next.reason());
    execution.setVariable(LeadLifecycle.Variables.LATE_BREACH, breach.getId());
  }
}
