package io.leadflow.lifecycle;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/**
 * Finds the open user task of the lead's lifecycle that a reminder, escalation or notice is about, and names the step
 * it stands for as the model does ("Accept lead"): a task's own name names its lead ({@link LeadTaskTitles}).
 */
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

  /** The model's name of the task's step, e.g. "Accept lead". */
  public static String step(DelegateTask task) {
    return task.getBpmnModelElementInstance() == null ? task.getName() : task.getBpmnModelElementInstance().getName();
  }

  /** The model's name of the step an open task of the execution's process stands for. */
  public static String step(DelegateExecution execution, Task task) {
    FlowElement element = execution.getProcessEngineServices().getRepositoryService()
        .getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey());
    return element == null ? task.getName() : element.getName();
  }
}
