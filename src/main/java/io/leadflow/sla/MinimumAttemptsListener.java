package io.leadflow.sla;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.Stage;
import io.leadflow.lead.StageChangeRepository;
import io.leadflow.lifecycle.LeadLifecycle;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Follow up with lead" may end as "no response" only after the contact attempts the SLA policy asks for
 * (slaMinimumAttempts of the FOLLOW_UP step), logged since the lead was accepted: checked on the server whichever
 * client completes the task. The task shows both numbers (task-local {@code minimumAttempts}, {@code
 * contactAttempts}), so its form can say why.
 */
@Component("minimumAttempts")
class MinimumAttemptsListener implements TaskListener {

  static final String NO_RESPONSE = "NO_RESPONSE";

  private final SlaDeadlines deadlines;
  private final LeadActivityRepository activities;
  private final StageChangeRepository stageChanges;

  MinimumAttemptsListener(SlaDeadlines deadlines, LeadActivityRepository activities,
      StageChangeRepository stageChanges) {
    this.deadlines = deadlines;
    this.activities = activities;
    this.stageChanges = stageChanges;
  }

  @Override
  public void notify(DelegateTask task) {
    int minimum = deadlines.minimumAttempts(task.getExecution());
    long logged = attempts(task);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal(LeadLifecycle.Variables.MINIMUM_ATTEMPTS, minimum);
      task.setVariableLocal(LeadLifecycle.Variables.CONTACT_ATTEMPTS, logged);
    } else if (NO_RESPONSE.equals(task.getVariable(LeadLifecycle.Variables.FOLLOW_UP_OUTCOME)) && logged < minimum) {
      throw new BadUserRequestException("Cannot complete '" + task.getName() + "': "
          + LeadLifecycle.Variables.FOLLOW_UP_OUTCOME + " NO_RESPONSE needs at least " + minimum
          + " logged contact attempts in this follow-up; " + logged + " so far");
    }
  }

  /** Attempts since the lead last entered SAL: this follow-up's, not those of an earlier pass. */
  private long attempts(DelegateTask task) {
    UUID leadId = UUID.fromString((String) task.getVariable(LeadLifecycle.Variables.LEAD_ID));
    Instant accepted = stageChanges.lastEntered(leadId, Stage.SAL);
    return accepted == null ? 0 : activities.countByLeadIdAndTypeSince(leadId, ActivityType.CONTACT_ATTEMPT, accepted);
  }
}
