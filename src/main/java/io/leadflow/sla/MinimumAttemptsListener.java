package io.leadflow.sla;

import io.leadflow.lifecycle.FollowUp;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LeadReference;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Follow up with lead" may end as "no response" only after the contact attempts the SLA policy asks for
 * (slaMinimumAttempts of the FOLLOW_UP step), logged since the lead was accepted: checked on completion on the server,
 * whichever client completes the task. The form shows both numbers when it opens (formLoads
 * {@code followUpAttempts}), so it can say why.
 */
@Component("minimumAttempts")
class MinimumAttemptsListener implements TaskListener {

  static final String NO_RESPONSE = "NO_RESPONSE";

  private final SlaDeadlines deadlines;
  private final FollowUp followUp;

  MinimumAttemptsListener(SlaDeadlines deadlines, FollowUp followUp) {
    this.deadlines = deadlines;
    this.followUp = followUp;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!NO_RESPONSE.equals(task.getVariable(LeadLifecycle.Variables.FOLLOW_UP_OUTCOME))) {
      return;
    }
    int minimum = deadlines.minimumAttempts(task.getExecution());
    long logged = followUp.attempts(LeadReference.of(task));
    if (logged < minimum) {
      throw new BadUserRequestException("Cannot complete '" + task.getName() + "': "
          + LeadLifecycle.Variables.FOLLOW_UP_OUTCOME + " NO_RESPONSE needs at least " + minimum
          + " logged contact attempts in this follow-up; " + logged + " so far");
    }
  }
}
