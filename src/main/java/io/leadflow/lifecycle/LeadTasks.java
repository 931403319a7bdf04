package io.leadflow.lifecycle;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;

/** Finds the open user task of the lead's lifecycle that a reminder, escalation or notice is about. */
public final class LeadTasks {

  private LeadTasks() {
  }

  /** The open task of the given model element in the execution's process instance. */
  public static Optional<Task> open(DelegateExecution execution, String taskDefinitionKey) {
    return Optional.ofNullable(execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskDefinitionKey)
        .singleResult());
  }
}
