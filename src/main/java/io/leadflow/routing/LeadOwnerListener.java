package io.leadflow.routing;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadOwners;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LeadReference;
import java.util.Objects;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Keeps the lead's owner in step with the task's assignee when a manager reassigns the task in Tasklist (one action),
 * so that later steps, reminders and the figures follow the new owner. A rep of another team takes the lead and the
 * task to their team: the old team no longer sees or completes it, as with a reassignment through the API. The rule is
 * the API's: the task goes to an active sales rep, anyone else is refused with the reason.
 */
@Component("leadOwner")
class LeadOwnerListener implements TaskListener {

  private final LeadRepository leads;
  private final LeadOwners owners;
  private final LeadReassignment reassignment;

  LeadOwnerListener(LeadRepository leads, LeadOwners owners, LeadReassignment reassignment) {
    this.leads = leads;
    this.owners = owners;
    this.reassignment = reassignment;
  }

  @Override
  public void notify(DelegateTask task) {
    String assignee = task.getAssignee();
    String previousRep = (String) task.getVariable(LeadLifecycle.Variables.SALES_REP);
    if (assignee == null || Objects.equals(assignee, previousRep)) {
      return;
    }
    if (!reassignment.isActiveRep(assignee)) {
      throw new BadUserRequestException("'" + assignee + "' is not an active sales rep: '" + task.getName()
          + "' goes to a rep, whom the lead and its team follow");
    }
    Lead lead = leads.findById(LeadReference.of(task))
        .orElseThrow();
    String previousTeam = (String) task.getVariable(LeadLifecycle.Variables.SALES_TEAM);
    String team = reassignment.teamOf(assignee).orElseThrow();
    boolean otherTeam = !Objects.equals(team, previousTeam);
    var now = ClockUtil.now().toInstant();
    owners.assign(lead, team, assignee, CurrentUser.of(task), "Reassigned in Tasklist from "
        + (previousRep == null ? "the team's queue" : previousRep) + (otherTeam ? " to " + team : ""), now);
    task.getExecution().setVariable(LeadLifecycle.Variables.SALES_REP, assignee);
    if (otherTeam) {
      task.getExecution().setVariable(LeadLifecycle.Variables.SALES_TEAM, team);
      reassignment.moveTaskToTeam(task.getId(), previousTeam, team, previousRep);
    }
  }
}
