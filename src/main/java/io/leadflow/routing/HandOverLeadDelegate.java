package io.leadflow.routing;

import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadLifecycle.Variables;
import io.leadflow.lifecycle.LeadReference;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Hand lead to teammate": the rep passes the lead to a teammate they chose; if that teammate cannot take it any
 * more, the team's round robin picks another one, never the rep who handed it over.
 */
@Component("handOverLead")
class HandOverLeadDelegate implements JavaDelegate {

  private final LeadAssignment assignment;

  HandOverLeadDelegate(LeadAssignment assignment) {
    this.assignment = assignment;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String from = (String) execution.getVariable(Variables.SALES_REP);
    String to = (String) execution.getVariable(Variables.HAND_OVER_TO);
    String team = (String) execution.getVariable(Variables.SALES_TEAM);
    AssignmentVariables.set(execution, assignment.assignWithinTeam(
        LeadReference.of(execution), team, to,
        from == null ? Set.of() : Set.of(from), "Handed over by " + from, CurrentUser.of(execution),
        ClockUtil.now().toInstant()));
  }
}
