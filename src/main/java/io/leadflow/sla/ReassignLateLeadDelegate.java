package io.leadflow.sla;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.routing.Assignment;
import io.leadflow.routing.LeadAssignment;
import io.leadflow.routing.SalesTeam;
import io.leadflow.routing.SalesTeamRepository;
import io.leadflow.system.SideEffects;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Reassign late lead": the rep did not accept in time. The breach counts against them, the team's next rep (or the
 * team's queue) gets the lead, and the manager is told.
 */
@Component("reassignLateLead")
class ReassignLateLeadDelegate implements JavaDelegate {

  private final LeadRepository leads;
  private final SalesTeamRepository teams;
  private final LeadAssignment assignment;
  private final SlaBreaches breaches;
  private final SlaDeadlines deadlines;
  private final Escalations escalations;

  ReassignLateLeadDelegate(LeadRepository leads, SalesTeamRepository teams, LeadAssignment assignment,
      SlaBreaches breaches, SlaDeadlines deadlines, Escalations escalations) {
    this.leads = leads;
    this.teams = teams;
    this.assignment = assignment;
    this.breaches = breaches;
    this.deadlines = deadlines;
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = leads.findById(UUID.fromString((String) execution.getVariable(LeadLifecycle.Variables.LEAD_ID)))
        .orElseThrow();
    String lateRep = (String) execution.getVariable(LeadLifecycle.Variables.SALES_REP);
    String team = (String) execution.getVariable(LeadLifecycle.Variables.SALES_TEAM);
    Instant now = ClockUtil.now().toInstant();
    // the incident sits on the process instance, which outlives this step, until the next rep accepts (slaMet)
    SlaBreach breach = breaches.record(lead.getId(), SlaStep.ACCEPTANCE, lateRep, team, now, now,
        execution.getProcessInstanceId(), execution.getProcessInstanceId(), lead.getFullName());
    Assignment next = assignment.assignWithinTeam(lead.getId(), team, null,
        lateRep == null ? Set.of() : Set.of(lateRep),
        "Reassigned: " + (lateRep == null ? "nobody" : lateRep) + " did not accept in time",
        CurrentUser.of(execution), now);
    execution.setVariable(LeadLifecycle.Variables.SALES_REP, next.rep());
    execution.setVariable(LeadLifecycle.Variables.ROUTING_REASON, next.reason());
    String manager = teams.findById(team).map(SalesTeam::getManager).orElse(null);
    escalations.send(SideEffects.key(execution, "escalation"), lead, breach,
        deadlines.policy(execution, SlaStep.ACCEPTANCE).escalateTo(), manager, null, null,
        execution.getProcessInstanceId());
  }
}
