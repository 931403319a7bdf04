package io.leadflow.routing;

import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadReference;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Route lead": the routing table and the team's round robin choose the owner. */
@Component("routeLead")
class RouteLeadDelegate implements JavaDelegate {

  private final LeadAssignment assignment;

  RouteLeadDelegate(LeadAssignment assignment) {
    this.assignment = assignment;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AssignmentVariables.set(execution, assignment.route(LeadReference.of(execution), CurrentUser.of(execution),
        ClockUtil.now().toInstant()));
  }
}
