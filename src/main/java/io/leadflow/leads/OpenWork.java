package io.leadflow.leads;

import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.EngineAsSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Service;

/**
 * The open user tasks of leads (of any of their processes, whose business key is the lead's id), with their deadlines
 * and SLA state. Read on Leadflow's behalf: the caller decided already which leads the user may see.
 */
@Service
class OpenWork {

  /** A task due within this time is due soon. */
  static final Duration DUE_SOON = Duration.ofHours(4);
  private static final String TASKLIST = "/camunda/app/tasklist/default/#/?task=";
  private static final String COCKPIT = "/camunda/app/cockpit/default/#/process-instance/";

  /** Whether an open task's deadline is far, near or passed. */
  enum SlaState {
    ON_TIME("On time"), DUE_SOON("Due soon"), LATE("Late");

    private final String label;

    SlaState(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** An open user task: its step's name, where to open it and when it is due. */
  record OpenTask(String id, String name, String assignee, Instant created, Instant due, SlaState slaState,
      String tasklistUrl) {
  }

  /** A lead's open work: its tasks, the nearest deadline, and its SLA state then. */
  record LeadWork(List<OpenTask> tasks, Instant nextDeadline, SlaState slaState) {

    static final LeadWork NONE = new LeadWork(List.of(), null, null);
  }

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final EngineAsSystem system;

  OpenWork(TaskService tasks, RuntimeService runtime, RepositoryService repository, EngineAsSystem system) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.repository = repository;
    this.system = system;
  }

  Map<UUID, LeadWork> of(Collection<UUID> leadIds) {
    if (leadIds.isEmpty()) {
      return Map.of();
    }
    return system.call(() -> {
      List<Task> open = tasks.createTaskQuery()
          .processInstanceBusinessKeyIn(leadIds.stream().map(UUID::toString).toArray(String[]::new))
          .active().listPage(0, Math.max(100, leadIds.size() * 5));
      if (open.isEmpty()) {
        return Map.of();
      }
      Set<String> instanceIds = open.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
      Map<String, String> keys = runtime.createProcessInstanceQuery().processInstanceIds(instanceIds)
          .listPage(0, instanceIds.size()).stream()
          .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
      Instant now = ClockUtil.now().toInstant();
      Map<UUID, List<OpenTask>> byLead = new HashMap<>();
      for (Task task : open) {
        String key = keys.get(task.getProcessInstanceId());
        if (key != null) {
          byLead.computeIfAbsent(UUID.fromString(key), id -> new ArrayList<>()).add(openTask(task, step(task), now));
        }
      }
      Map<UUID, LeadWork> work = new HashMap<>();
      byLead.forEach((lead, leadTasks) -> {
        leadTasks.sort(Comparator.comparing(OpenTask::due, Comparator.nullsLast(Comparator.naturalOrder())));
        OpenTask next = leadTasks.get(0);
        work.put(lead, new LeadWork(List.copyOf(leadTasks), next.due(), next.slaState()));
      });
      return work;
    });
  }

  LeadWork of(UUID leadId) {
    return of(List.of(leadId)).getOrDefault(leadId, LeadWork.NONE);
  }

  /** Where to watch the lead's running lifecycle in Cockpit, if it runs. */
  Optional<String> cockpitUrl(UUID leadId) {
    return system.call(() -> runtime.createProcessInstanceQuery()
            .processDefinitionKey(LeadLifecycle.PROCESS_KEY).processInstanceBusinessKey(leadId.toString())
            .listPage(0, 1).stream().findFirst())
        .map(instance -> COCKPIT + instance.getId());
  }

  /**
   * The step's name in the model ("Accept lead"): the task's own name also names the lead (lifecycle.LeadTaskTitles),
   * which the pages show beside it already.
   */
  private String step(Task task) {
    ModelElementInstance element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    return element instanceof FlowElement step && step.getName() != null ? step.getName() : task.getName();
  }

  private static OpenTask openTask(Task task, String name, Instant now) {
    Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
    SlaState state = due == null ? null : due.isBefore(now) ? SlaState.LATE
        : due.isBefore(now.plus(DUE_SOON)) ? SlaState.DUE_SOON : SlaState.ON_TIME;
    return new OpenTask(task.getId(), name, task.getAssignee(),
        task.getCreateTime() == null ? null : task.getCreateTime().toInstant(), due, state,
        TASKLIST + Objects.requireNonNull(task.getId()));
  }
}
