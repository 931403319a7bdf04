package io.leadflow.routing;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check that the routed teams exist": fails, and so stays in Cockpit as an incident, while the routing table names
 * sales teams nobody created; after they are created, "Retry" on the incident ends the check.
 */
@Component("checkRoutedTeams")
class CheckRoutedTeamsDelegate implements JavaDelegate {

  private final RoutedTeams routedTeams;

  CheckRoutedTeamsDelegate(RoutedTeams routedTeams) {
    this.routedTeams = routedTeams;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String definition = (String) execution.getVariable(RoutingTableCheck.Variables.DECISION_DEFINITION_ID);
    List<String> missing = routedTeams.missing(definition);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("The routing table " + definition + " sends leads to sales teams that do not "
          + "exist: " + String.join(", ", missing) + ". Leads routed there go to marketing ops' review. Create the "
          + "teams (Admin API, PUT /api/admin/teams/{id}) or deploy a corrected table, then retry this step.");
    }
  }
}
