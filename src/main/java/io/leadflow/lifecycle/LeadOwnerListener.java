package io.leadflow.lifecycle;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import java.util.Objects;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Keeps the lead's owner in step with the task's assignee when a manager reassigns the task in Tasklist (one action),
 * so that later steps, reminders and the figures follow the new owner.
 */
@Component("leadOwner")
class LeadOwnerListener implements TaskListener {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;

  LeadOwnerListener(LeadRepository leads, LeadActivityRepository activities) {
    this.leads = leads;
    this.activities = activities;
  }

  @Override
  public void notify(DelegateTask task) {
    String assignee = task.getAssignee();
    if (assignee == null || Objects.equals(assignee, task.getVariable(LeadLifecycle.Variables.SALES_REP))) {
      return;
    }
    Lead lead = leads.findById(UUID.fromString((String) task.getVariable(LeadLifecycle.Variables.LEAD_ID)))
        .orElseThrow();
    var now = ClockUtil.now().toInstant();
    lead.assign(lead.getTeam(), assignee, now);
    activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.OWNER_CHANGE, now, CurrentUser.of(task))
        .about(assignee, null, "Reassigned in Tasklist from " + task.getVariable(LeadLifecycle.Variables.SALES_REP)));
    task.getExecution().setVariable(LeadLifecycle.Variables.SALES_REP, assignee);
  }
}
