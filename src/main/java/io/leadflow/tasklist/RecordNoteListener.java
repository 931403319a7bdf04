package io.leadflow.tasklist;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.lifecycle.LeadTasks;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Adds the note a user wrote in a task's form to the lead's activity log, where the next owner reads it. */
@Component("recordNote")
class RecordNoteListener implements TaskListener {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;

  RecordNoteListener(LeadRepository leads, LeadActivityRepository activities) {
    this.leads = leads;
    this.activities = activities;
  }

  @Override
  public void notify(DelegateTask task) {
    Object note = task.getVariable(LeadLifecycle.Variables.NOTE);
    if (note == null || note.toString().isBlank()) {
      return;
    }
    Lead lead = leads.findById(LeadReference.of(task))
        .orElseThrow();
    activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.NOTE, ClockUtil.now().toInstant(), CurrentUser.of(task))
        .about(LeadTasks.step(task), null, note.toString().strip()));
    // the next form starts with an empty note
    task.getExecution().removeVariable(LeadLifecycle.Variables.NOTE);
  }
}
