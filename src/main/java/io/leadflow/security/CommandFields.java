package io.leadflow.security;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;

/**
 * What a client asked the engine to do, read from the engine's command objects, which keep it in protected fields.
 * The fields are looked up when the class loads: an engine upgrade that renames one stops the application from
 * starting instead of quietly opening a door.
 */
final class CommandFields {

  static final Field COMPLETE_TASK = field(CompleteTaskCmd.class, "taskId");
  static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
  static final Field SUBMIT_TASK = field(SubmitTaskFormCmd.class, "taskId");
  static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");
  static final Field VARIABLE_ENTITY = field(AbstractVariableCmd.class, "entityId");
  static final Field SET_VARIABLES = field(AbstractSetVariableCmd.class, "variables");
  static final Field REMOVE_VARIABLES = field(AbstractRemoveVariableCmd.class, "variableNames");
  static final Field PATCH_ENTITY = field(AbstractPatchVariablesCmd.class, "entityId");
  static final Field PATCH_VARIABLES = field(AbstractPatchVariablesCmd.class, "variables");
  static final Field PATCH_DELETIONS = field(AbstractPatchVariablesCmd.class, "deletions");
  static final Field CLAIM_TASK = field(ClaimTaskCmd.class, "taskId");
  static final Field CLAIM_USER = field(ClaimTaskCmd.class, "userId");
  static final Field DELEGATE_TASK = field(DelegateTaskCmd.class, "taskId");
  static final Field DELEGATE_USER = field(DelegateTaskCmd.class, "userId");
  static final Field PROPERTY_TASK = field(AbstractSetTaskPropertyCmd.class, "taskId");
  static final Field LINK_USER = field(AbstractAddIdentityLinkCmd.class, "userId");
  static final Field START_BUILDER = field(StartProcessInstanceCmd.class, "instantiationBuilder");
  static final Field START_FORM_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId");
  static final Field START_FORM_VARIABLES = field(SubmitStartFormCmd.class, "variables");

  private CommandFields() {
  }

  static String text(Field field, Object command) {
    return (String) value(field, command);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> variables(Field field, Object command) {
    Map<String, Object> variables = (Map<String, Object>) value(field, command);
    return variables == null ? Map.of() : variables;
  }

  @SuppressWarnings("unchecked")
  static Collection<String> names(Field field, Object command) {
    Collection<String> names = (Collection<String>) value(field, command);
    return names == null ? java.util.List.of() : names;
  }

  static Object value(Field field, Object command) {
    try {
      return field.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read " + field, e);
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("The engine's " + type.getSimpleName() + " has no field " + name
          + " any more: check Leadflow's engine rules (security.UserCommandRules) against this engine version", e);
    }
  }
}
