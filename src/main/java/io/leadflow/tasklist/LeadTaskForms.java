package io.leadflow.tasklist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.form.FormType;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A lead's task form shows the lead as it is when the form opens, not as it was when the task was created: a re-score,
 * a new activity, a reassignment or a note made since shows at once. A user task names what its form loads in its
 * extension property {@value #FORM_LOADS} (e.g. {@code lead, teammateOptions}, see {@link LeadFormValues}); the engine
 * then hands these values out with the task's form variables ({@code GET task/{id}/form-variables}, which Tasklist's
 * Camunda Forms read), computed from the database at that moment. Nothing is stored on the task, so there is no
 * variable history of it and nothing an erasure must find.
 */
@Component
class LeadTaskForms extends AbstractProcessEnginePlugin {

  static final String FORM_LOADS = "formLoads";

  private final ObjectProvider<LeadFormValues> values;

  LeadTaskForms(ObjectProvider<LeadFormValues> values) {
    this.values = values;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
        List<String> names = formLoads(userTask);
        if (!names.isEmpty()) {
          TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
          task.setTaskFormHandler(new LoadingFormHandler(task.getTaskFormHandler(), names));
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  /** The form variables the user task's property names, checked when the model is deployed. */
  private static List<String> formLoads(Element userTask) {
    Element extensions = userTask.element("extensionElements");
    if (extensions == null) {
      return List.of();
    }
    Element properties = extensions.element("properties");
    List<String> variables = new ArrayList<>();
    for (Element property : properties == null ? List.<Element>of() : properties.elements("property")) {
      if (FORM_LOADS.equals(property.attribute("name"))) {
        for (String name : Arrays.stream(property.attribute("value", "").split(",")).map(String::trim)
            .filter(name -> !name.isEmpty()).toList()) {
          if (LeadFormValues.variables(name).isEmpty()) {
            throw new ProcessEngineException("User task " + userTask.attribute("id") + ": its form cannot load '"
                + name + "'; extension property " + FORM_LOADS + " takes " + String.join(", ",
                LeadFormValues.LEAD, LeadFormValues.TEAM_OPTIONS, LeadFormValues.TEAMMATE_OPTIONS,
                LeadFormValues.LEAD_DATA_TO_CORRECT, LeadFormValues.FOLLOW_UP_ATTEMPTS));
          }
          variables.add(name);
        }
      }
    }
    return variables.isEmpty() ? loadedBefore(extensions) : variables;
  }

  /**
   * Process versions deployed before {@value #FORM_LOADS} stored the lead on the task when it was created ("leadDetails"
   * listener, "leadDataFix" on create); their instances still create tasks. Their forms get what it stored then.
   */
  private static List<String> loadedBefore(Element extensions) {
    List<String> listeners = extensions.elements("taskListener").stream()
        .map(listener -> listener.attribute("delegateExpression") + "@" + listener.attribute("event")).toList();
    if (!listeners.contains("${leadDetails}@create")) {
      return List.of();
    }
    return listeners.contains("${leadDataFix}@create")
        ? List.of(LeadFormValues.LEAD, LeadFormValues.TEAM_OPTIONS, LeadFormValues.TEAMMATE_OPTIONS,
            LeadFormValues.LEAD_DATA_TO_CORRECT)
        : List.of(LeadFormValues.LEAD, LeadFormValues.TEAM_OPTIONS, LeadFormValues.TEAMMATE_OPTIONS);
  }

  /** The task's own form handler, plus the loaded values as form fields, computed only when one is read. */
  private final class LoadingFormHandler implements TaskFormHandler {

    private final TaskFormHandler handler;
    private final List<String> names;

    LoadingFormHandler(TaskFormHandler handler, List<String> names) {
      this.handler = handler;
      this.names = names;
    }

    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
      TaskFormData form = handler.createTaskForm(task);
      ExecutionEntity instance = task.getProcessInstance();
      if (instance == null || instance.getBusinessKey() == null) {
        return form;
      }
      UUID leadId = leadId(instance.getBusinessKey());
      if (leadId == null) {
        return form;
      }
      Supplier<Map<String, TypedValue>> loaded = new Supplier<>() {
        private Map<String, TypedValue> once;

        @Override
        public Map<String, TypedValue> get() {
          if (once == null) {
            once = values.getObject().load(leadId, names, task.getExecution());
          }
          return once;
        }
      };
      names.stream().flatMap(name -> LeadFormValues.variables(name).stream())
          .forEach(variable -> form.getFormFields().add(new LoadedField(variable, () -> loaded.get().get(variable))));
      return form;
    }

    /** The business key is the lead's id in every lead process (lifecycle, printed kit). */
    private static UUID leadId(String businessKey) {
      try {
        return UUID.fromString(businessKey);
      } catch (IllegalArgumentException notALead) {
        return null;
      }
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
        ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
      handler.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
      handler.submitFormVariables(properties, variableScope);
    }
  }

  /** A form field whose value is read from the database the first time somebody asks for it. */
  private record LoadedField(String id, Supplier<TypedValue> value) implements FormField {

    @Override
    public String getId() {
      return id;
    }

    @Override
    public String getLabel() {
      return id;
    }

    @Override
    public FormType getType() {
      return null;
    }

    @Override
    public String getTypeName() {
      return null;
    }

    @Override
    public Object getDefaultValue() {
      return null;
    }

    @Override
    public TypedValue getValue() {
      return value.get();
    }

    @Override
    public List<FormFieldValidationConstraint> getValidationConstraints() {
      return List.of();
    }

    @Override
    public Map<String, String> getProperties() {
      return Map.of();
    }

    @Override
    public boolean isBusinessKey() {
      return false;
    }
  }
}
