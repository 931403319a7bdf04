package io.leadflow.tasklist;

import io.leadflow.lifecycle.LeadTasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Checks a user task's outcome on the server, whichever client completes it (Tasklist, the engine REST API): the form
 * validates in the browser, this makes the rules hold for everybody. The rules are extension properties of the user
 * task, so a designer sees and changes them in Modeler:
 * <ul>
 *   <li>{@code required:<variable>}: the variable must have a value; the property's value is an optional condition,
 *   e.g. {@code required:stageReason = ${acceptOutcome == 'REJECT'}};</li>
 *   <li>{@code oneOf:<variable>}: the allowed values, comma-separated;</li>
 *   <li>{@code resetOnCreate}: variables to clear when the task is created, so that an answer given to an earlier task
 *   of the same kind cannot pass for a new one.</li>
 * </ul>
 * A broken rule fails the completion with a message naming every bad field; the task stays open.
 */
@Component("formRules")
class FormRulesListener implements TaskListener {

  static final String REQUIRED = "required:";
  static final String ONE_OF = "oneOf:";
  static final String RESET_ON_CREATE = "resetOnCreate";

  @Override
  public void notify(DelegateTask task) {
    List<CamundaProperty> rules = rules(task);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      rules.stream().filter(rule -> RESET_ON_CREATE.equals(rule.getCamundaName()))
          .flatMap(rule -> names(rule.getCamundaValue()).stream())
          .forEach(name -> task.getExecution().removeVariable(name));
      return;
    }
    List<String> problems = new ArrayList<>();
    for (CamundaProperty rule : rules) {
      String name = rule.getCamundaName();
      if (name.startsWith(REQUIRED)) {
        String variable = name.substring(REQUIRED.length());
        if (applies(task, rule.getCamundaValue()) && isBlank(task.getVariable(variable))) {
          problems.add(variable + " is required");
        }
      } else if (name.startsWith(ONE_OF)) {
        String variable = name.substring(ONE_OF.length());
        Object value = task.getVariable(variable);
        Set<String> allowed = Set.copyOf(names(rule.getCamundaValue()));
        if (!isBlank(value) && !allowed.contains(value.toString())) {
          problems.add(variable + " must be one of " + allowed.stream().sorted().collect(Collectors.joining(", ")));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("Cannot complete '" + LeadTasks.step(task) + "': "
          + String.join("; ", problems));
    }
  }

  private static boolean applies(DelegateTask task, String condition) {
    if (condition == null || condition.isBlank()) {
      return true;
    }
    try {
      Object result = Context.getProcessEngineConfiguration().getExpressionManager().createExpression(condition)
          .getValue(task);
      return Boolean.TRUE.equals(result);
    } catch (ProcessEngineException missingVariable) {
      // the condition reads an answer that is missing; its own "required" rule reports it
      return false;
    }
  }

  private static List<CamundaProperty> rules(DelegateTask task) {
    BaseElement element = task.getBpmnModelElementInstance();
    if (element == null || element.getExtensionElements() == null) {
      return List.of();
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> property.getCamundaName() != null)
        .toList();
  }

  private static List<String> names(String commaSeparated) {
    return commaSeparated == null ? List.of() : Arrays.stream(commaSeparated.split(","))
        .map(String::trim).filter(name -> !name.isEmpty()).toList();
  }

  private static boolean isBlank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
