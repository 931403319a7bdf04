package io.leadflow.routing;

import io.leadflow.lifecycle.LeadLifecycle.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Puts an assignment where the lifecycle reads it: the team's candidate group and the rep as assignee. */
final class AssignmentVariables {

  private AssignmentVariables() {
  }

  static void set(DelegateExecution execution, Assignment assignment) {
    execution.setVariable(Variables.SALES_TEAM, assignment.team());
    execution.setVariable(Variables.SALES_REP, assignment.rep());
    execution.setVariable(Variables.ROUTING_REASON, assignment.reason());
    execution.setVariable(Variables.ROUTE_CLEAR, assignment.team() != null);
  }
}
