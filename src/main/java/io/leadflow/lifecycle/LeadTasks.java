package io.leadflow.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/**
 * Finds the open user task of the lead's lifecycle that a reminder, escalation or notice is about, and names the step
 * it stands for as the model does ("Accept lead"): a task's own name names its lead (tasklist.LeadTaskTitles).
 */
public final class LeadTasks {

  /** More open tasks of one step in one lead's process than any model makes. */
  private static final int MAX_OPEN = 10;

  private LeadTasks() {
  }

  /**
   * The open task of the given model element in the execution's process instance. A step can be open twice at once
   * ("Fix lead data" for the lead update beside the follow-up and for the opportunity): then the one due first that is
   * not late yet, else the one due first.
   */
  public static Optional<Task> open(DelegateExecution execution, String taskDefinitionKey) {
    return open(execution, taskDefinitionKey, null);
  }

  /**
   * As {@link #open(DelegateExecution, String)}, but where the step is open twice, the task due at {@code due} (the
   * deadline that passed) when there is one.
   */
  public static Optional<Task> open(DelegateExecution execution, String taskDefinitionKey, Instant due) {
    List<Task> open = execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskDefinitionKey)
        .orderByDueDate().asc()
        .listPage(0, MAX_OPEN);
    if (open.size() <= 1) {
      return open.stream().findFirst();
    }
    Instant now = ClockUtil.now().toInstant();
    return open.stream().filter(task -> due != null && task.getDueDate() != null
            && task.getDueDate().toInstant().equals(due)).findFirst()
        .or(() -> open.stream().filter(task -> task.getDueDate() != null
            && task.getDueDate().toInstant().isAfter(now)).findFirst())
        .or(() -> open.stream().findFirst());
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
