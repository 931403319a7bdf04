package io.leadflow.tasklist;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The create listener of lead tasks in process versions deployed before their forms loaded the lead when opened
 * ({@link LeadTaskForms}): their running instances still create tasks with it. It names the task after its lead, as
 * {@link LeadTaskTitles} does for the current versions, and stores nothing.
 */
@Component("leadDetails")
class LeadDetailsListener implements TaskListener {

  private final LeadTaskTitles titles;

  LeadDetailsListener(LeadTaskTitles titles) {
    this.titles = titles;
  }

  @Override
  public void notify(DelegateTask task) {
    titles.notify(task);
  }
}
