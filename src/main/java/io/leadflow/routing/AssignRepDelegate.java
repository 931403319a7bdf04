package io.leadflow.routing;

import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadLifecycle.Variables;
import io.leadflow.lifecycle.LeadReference;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Assign a rep of the team": after marketing ops chose the team in their review, its round robin picks the rep. */
@Component("assignRep")
class AssignRepDelegate implements JavaDelegate {

  private final LeadAssignment assignment;

  AssignRepDelegate(LeadAssignment assignment) {
    this.assignment = assignment;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String team = (String) execution.getVariable(Variables.SALES_TEAM);
    String by = CurrentUser.of(execution);
    AssignmentVariables.set(execution, assignment.assignWithinTeam(
        LeadReference.of(execution), team, null, Set.of(),
        "Routed to " + team + " by marketing ops' review", by, ClockUtil.now().toInstant()));
  }
}
