package io.leadflow.lifecycle;

import io.leadflow.lead.LeadViews;
import io.leadflow.lead.LeadView;
import io.leadflow.routing.SalesRepRepository;
import io.leadflow.routing.SalesTeamRepository;
import io.leadflow.system.JsonVariables;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Puts the lead's detail package on a new user task (task variable "lead"), with the choices its form offers: the
 * sales teams to route to and the teammates to hand over to, and the columns Tasklist's filters show
 * ({@link LeadTaskColumns}). The lead itself stays in the database; the process keeps only its id.
 */
@Component("leadDetails")
class LeadDetailsListener implements TaskListener {

  private final LeadViews details;
  private final SalesTeamRepository teams;
  private final SalesRepRepository reps;
  private final LeadTaskColumns columns;

  LeadDetailsListener(LeadViews details, SalesTeamRepository teams, SalesRepRepository reps,
      LeadTaskColumns columns) {
    this.details = details;
    this.teams = teams;
    this.reps = reps;
    this.columns = columns;
  }

  @Override
  public void notify(DelegateTask task) {
    UUID leadId = UUID.fromString((String) task.getVariable(LeadLifecycle.Variables.LEAD_ID));
    LeadView lead = details.find(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
    task.setVariableLocal(LeadLifecycle.Variables.LEAD, JsonVariables.of(lead));
    columns.show(task, leadId);
    task.setVariableLocal(LeadLifecycle.Variables.TEAM_OPTIONS, JsonVariables.of(teams.findAll().stream()
        .map(team -> option(team.getName(), team.getId()))
        .toList()));
    String team = (String) task.getVariable(LeadLifecycle.Variables.SALES_TEAM);
    String rep = (String) task.getVariable(LeadLifecycle.Variables.SALES_REP);
    task.setVariableLocal(LeadLifecycle.Variables.TEAMMATE_OPTIONS, JsonVariables.of(team == null ? List.of()
        : teammates(team, rep)));
  }

  /** Teammates who can take the lead today, a day of the team's time zone as out-of-office periods are. */
  private List<Map<String, String>> teammates(String team, String rep) {
    var today = ClockUtil.now().toInstant().atZone(teams.findById(team).orElseThrow().getTimeZone()).toLocalDate();
    return reps.findByTeamIdOrderByUserIdAsc(team).stream()
        .filter(teammate -> !teammate.getUserId().equals(rep))
        .filter(teammate -> teammate.isAvailableOn(today))
        .map(teammate -> option(teammate.getDisplayName(), teammate.getUserId()))
        .toList();
  }

  private static Map<String, String> option(String label, String value) {
    return Map.of("label", label, "value", value);
  }
}
