package io.leadflow.lifecycle;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The lead a process instance works on. Every Leadflow process runs under the lead's id as its business key; instances
 * started before the business key was set carry the id only in the {@value LeadLifecycle.Variables#LEAD_ID} variable.
 */
public final class LeadReference {

  private LeadReference() {
  }

  public static UUID of(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    Object variable = key != null ? key : execution.getVariable(LeadLifecycle.Variables.LEAD_ID);
    if (variable == null) {
      // a technical failure: the step's job retries and ends in an incident naming the instance
      throw new IllegalStateException("Process instance " + execution.getProcessInstanceId() + " names no lead");
    }
    return UUID.fromString(variable.toString());
  }

  public static UUID of(DelegateTask task) {
    return of(task.getExecution());
  }
}
