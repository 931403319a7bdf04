package io.leadflow.security;

import org.camunda.bpm.engine.form.FormField;
import java.util.Objects;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.FormException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Leadflow's rules for what a user asks the engine directly, whichever client carries the request (Tasklist,
 * Cockpit, the engine REST API, the webapps' API, Java): the engine's authorizations say which tasks and processes a
 * user may touch, these rules say what they may do with them.
 * <ul>
 *   <li>Only administrators correlate messages, send signals, start a process anywhere but at its start, modify,
 *   migrate or restart process instances, write process variables, change a task's candidates or owner, or throw
 *   errors from a task.</li>
 *   <li>A task is completed, and its variables are written, with what its form declares and nothing else; each value
 *   must be one the form's field could have given. Process-critical variables are written only by choosing an option
 *   the task offers. A process with a start form is started through it, with what it declares.</li>
 *   <li>Users claim tasks for themselves; giving a task to someone else needs the right to assign it and an assignee
 *   who may work it: a member of its candidate groups, or whoever the task's own assignment rule accepts.</li>
 * </ul>
 * The rules apply to the outermost command only: what a process step or Leadflow's own code does inside a command is
 * the process's own work. Administrators and the engine's own threads (no logged-in user) are not restricted.
 * <p>Whoever the user, a refusal a task or start listener raised (a required field, a value that is not allowed)
 * reaches the client as such, a 400 in the REST APIs, not as the engine's wrapped listener failure.
 */
class UserCommandRules extends CommandInterceptor {

  private static final List<Class<?>> ADMINISTRATORS_ONLY = List.of(AbstractCorrelateMessageCmd.class,
      CorrelateAllMessageBatchCmd.class, MessageEventReceivedCmd.class, SignalCmd.class, SignalEventReceivedCmd.class,
      StartProcessInstanceAtActivitiesCmd.class, ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class,
      AbstractModificationCmd.class, AbstractMigrationCmd.class, AbstractRestartProcessInstanceCmd.class,
      SetExecutionVariablesCmd.class, PatchExecutionVariablesCmd.class, RemoveExecutionVariablesCmd.class,
      SetVariablesToProcessInstancesBatchCmd.class, SaveTaskCmd.class, DeleteIdentityLinkCmd.class,
      HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class, DeleteUserCmd.class);

  private final ProcessEngineConfigurationImpl engine;
  private final Supplier<Set<String>> processCritical;

  UserCommandRules(ProcessEngineConfigurationImpl engine, Supplier<Set<String>> processCritical) {
    this.engine = engine;
    this.processCritical = processCritical;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null) {
      return next.execute(command);
    }
    try {
      Authentication user = engine.getIdentityService().getCurrentAuthentication();
      return next.execute(user == null || isAdministrator(user) ? command : checked(command, user));
    } catch (TaskAlreadyClaimedException claimed) {
      throw new BadUserRequestException(claimed.getMessage(), claimed);
    } catch (ProcessEngineException failure) {
      throw asTheUsersMistake(command, failure);
    }
  }

  private boolean isAdministrator(Authentication user) {
    List<String> adminGroups = engine.getAdminGroups() == null ? List.of() : engine.getAdminGroups();
    return (engine.getAdminUsers() != null && engine.getAdminUsers().contains(user.getUserId()))
        || (user.getGroupIds() != null && user.getGroupIds().stream().anyMatch(adminGroups::contains));
  }

  @SuppressWarnings("unchecked")
  private <T> Command<T> checked(Command<T> command, Authentication user) {
    if (ADMINISTRATORS_ONLY.stream().anyMatch(type -> type.isInstance(command))
        || (command instanceof AbstractAddIdentityLinkCmd && !(command instanceof AssignTaskCmd))) {
      throw new AuthorizationException("Only administrators may do this (" + command.getClass().getSimpleName()
          + "); " + user.getUserId() + " works through the tasks and forms their role is given.");
    }
    if (command instanceof CompleteTaskCmd) {
      return then(context -> completion(context, user, CommandFields.text(CommandFields.COMPLETE_TASK, command),
          CommandFields.variables(CommandFields.COMPLETE_VARIABLES, command)), command);
    }
    if (command instanceof SubmitTaskFormCmd) {
      return then(context -> completion(context, user, CommandFields.text(CommandFields.SUBMIT_TASK, command),
          CommandFields.variables(CommandFields.SUBMIT_VARIABLES, command)), command);
    }
    if (command instanceof SetTaskVariablesCmd) {
      return then(context -> variableWrite(context, user, CommandFields.text(CommandFields.VARIABLE_ENTITY, command),
          CommandFields.variables(CommandFields.SET_VARIABLES, command), List.of()), command);
    }
    if (command instanceof PatchTaskVariablesCmd) {
      return then(context -> variableWrite(context, user, CommandFields.text(CommandFields.PATCH_ENTITY, command),
          CommandFields.variables(CommandFields.PATCH_VARIABLES, command),
          CommandFields.names(CommandFields.PATCH_DELETIONS, command)), command);
    }
    if (command instanceof RemoveTaskVariablesCmd) {
      return then(context -> variableWrite(context, user, CommandFields.text(CommandFields.VARIABLE_ENTITY, command),
          Map.of(), CommandFields.names(CommandFields.REMOVE_VARIABLES, command)), command);
    }
    if (command instanceof ClaimTaskCmd) {
      return then(context -> claim(context, user, CommandFields.text(CommandFields.CLAIM_TASK, command),
          CommandFields.text(CommandFields.CLAIM_USER, command)), command);
    }
    if (command instanceof AssignTaskCmd) {
      String taskId = CommandFields.text(CommandFields.PROPERTY_TASK, command);
      String assignee = CommandFields.text(CommandFields.LINK_USER, command);
      return context -> {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task != null && assignee == null && user.getUserId().equals(task.getAssignee())) {
          // giving one's own task back to the team's queue is part of working it, not assigning it to someone
          return (T) new ClaimTaskCmd(taskId, null).execute(context);
        }
        if (task != null && assignee != null) {
          checkers(context).forEach(checker -> checker.checkTaskAssign(task));
          assignable(context, task, assignee);
        }
        return command.execute(context);
      };
    }
    if (command instanceof DelegateTaskCmd) {
      return then(context -> {
        TaskEntity task = context.getTaskManager().findTaskById(CommandFields.text(CommandFields.DELEGATE_TASK,
            command));
        String delegate = CommandFields.text(CommandFields.DELEGATE_USER, command);
        if (task != null && delegate != null) {
          checkers(context).forEach(checker -> checker.checkTaskAssign(task));
          assignable(context, task, delegate);
        }
      }, command);
    }
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl start = (ProcessInstantiationBuilderImpl) CommandFields.value(
          CommandFields.START_BUILDER, command);
      return then(context -> plainStart(context, start), command);
    }
    if (command instanceof SubmitStartFormCmd) {
      return then(context -> startForm(context, CommandFields.text(CommandFields.START_FORM_DEFINITION, command),
          CommandFields.variables(CommandFields.START_FORM_VARIABLES, command)), command);
    }
    return command;
  }

  private static <T> Command<T> then(Check check, Command<T> command) {
    return context -> {
      check.run(context);
      return command.execute(context);
    };
  }

  private interface Check {
    void run(CommandContext context);
  }

  private void completion(CommandContext context, Authentication user, String taskId, Map<String, Object> values) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return;
    }
    checkers(context).forEach(checker -> checker.checkTaskWork(task));
    List<String> problems = problems(context, task, values, List.of(), user);
    if (!problems.isEmpty()) {
      throw new FormFieldValidationException(null, "Cannot complete '" + task.getName() + "': "
          + String.join("; ", problems));
    }
  }

  private void variableWrite(CommandContext context, Authentication user, String taskId, Map<String, Object> values,
      Collection<String> removals) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return;
    }
    checkers(context).forEach(checker -> checker.checkUpdateTaskVariable(task));
    List<String> problems = problems(context, task, values, removals, user);
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("Cannot change the variables of '" + task.getName() + "': "
          + String.join("; ", problems));
    }
  }

  /**
   * What is wrong with the values for the task's form: a name the form does not declare, or a process-critical one
   * that the task does not offer as a choice, is refused outright (403); a value the field could not have given is a
   * problem to correct (400).
   */
  private List<String> problems(CommandContext context, TaskEntity task, Map<String, Object> values,
      Collection<String> removals, Authentication user) {
    DeclaredFields form = taskForm(context, task);
    Set<String> names = new LinkedHashSet<>(values.keySet());
    names.addAll(removals);
    for (String name : names) {
      Optional<DeclaredFields.Field> field = form.field(name);
      if (field.isEmpty() || (processCritical.get().contains(name) && field.get().valuesKey() == null)) {
        throw new AuthorizationException(user.getUserId() + " may not set '" + name + "' on '" + task.getName()
            + "': only the fields of its form can be written" + (field.isEmpty() ? "" : ", and this one is the "
            + "process's own"));
      }
    }
    List<String> problems = new ArrayList<>();
    values.forEach((name, value) -> form.field(name).flatMap(field -> field.problem(plain(value), key ->
            options(context, task, key))).ifPresent(problem -> problems.add(name + " " + problem)));
    return problems;
  }

  private void claim(CommandContext context, Authentication user, String taskId, String claimant) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return;
    }
    checkers(context).forEach(checker -> checker.checkTaskWork(task));
    boolean forThemselves = user.getUserId().equals(claimant);
    boolean givingBack = claimant == null && user.getUserId().equals(task.getAssignee());
    if (!forThemselves && !givingBack) {
      throw new AuthorizationException(user.getUserId() + " may claim '" + task.getName()
          + "' for themselves only");
    }
  }

  /**
   * A task whose model reacts to its assignment (a lead's sales task, which the lead and team follow) judges the
   * assignee in its own listener; any other task goes only to a member of its candidate groups.
   */
  private void assignable(CommandContext context, TaskEntity task, String assignee) {
    if (task.getTaskDefinition() != null
        && !task.getTaskDefinition().getTaskListenersForEvent(TaskListener.EVENTNAME_ASSIGNMENT).isEmpty()) {
      return;
    }
    boolean member = context.runWithoutAuthorization(() -> engine.getTaskService()
        .getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .anyMatch(link -> assignee.equals(link.getUserId()) || (link.getGroupId() != null && engine
            .getIdentityService().createUserQuery().userId(assignee).memberOfGroup(link.getGroupId()).count() > 0)));
    if (!member) {
      throw new BadUserRequestException("'" + assignee + "' cannot be given '" + task.getName()
          + "': it goes to a member of the groups that work it");
    }
  }

  /** A process with a start form is started through that form, so that what it declares is all that is set. */
  private void plainStart(CommandContext context, ProcessInstantiationBuilderImpl start) {
    ProcessDefinition definition = context.runWithoutAuthorization(() -> start.getProcessDefinitionId() != null
        ? engine.getRepositoryService().getProcessDefinition(start.getProcessDefinitionId())
        : engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(start.getProcessDefinitionKey()).latestVersion().singleResult());
    if (definition == null) {
      return;
    }
    checkers(context).forEach(checker -> checker.checkCreateProcessInstance(definition));
    if (startForm(context, definition.getId()).isPresent()) {
      throw new AuthorizationException("'" + definition.getName() + "' is started through its start form "
          + "(Tasklist's Start process, or the engine REST API's submit-form)");
    }
  }

  private void startForm(CommandContext context, String processDefinitionId, Map<String, Object> values) {
    ProcessDefinition definition = context.runWithoutAuthorization(() -> engine.getRepositoryService()
        .getProcessDefinition(processDefinitionId));
    checkers(context).forEach(checker -> checker.checkCreateProcessInstance(definition));
    DeclaredFields form = startForm(context, processDefinitionId).orElse(DeclaredFields.none());
    List<String> problems = new ArrayList<>();
    values.forEach((name, value) -> {
      Optional<DeclaredFields.Field> field = form.field(name);
      if (field.isEmpty() || processCritical.get().contains(name)) {
        throw new AuthorizationException("'" + name + "' is not a field of the start form of '"
            + definition.getName() + "'");
      }
      field.get().problem(plain(value), key -> Set.of()).ifPresent(problem -> problems.add(name + " " + problem));
    });
    if (!problems.isEmpty()) {
      throw new FormFieldValidationException(null, "Please correct: " + String.join("; ", problems));
    }
  }

  private Optional<DeclaredFields> startForm(CommandContext context, String processDefinitionId) {
    return context.runWithoutAuthorization(() -> {
      StartFormData data = engine.getFormService().getStartFormData(processDefinitionId);
      if (data == null || data.getCamundaFormRef() == null) {
        return Optional.empty();
      }
      try (InputStream form = engine.getFormService().getDeployedStartForm(processDefinitionId)) {
        return Optional.of(DeclaredFields.of(form));
      }
    });
  }

  private DeclaredFields taskForm(CommandContext context, TaskEntity task) {
    return context.runWithoutAuthorization(() -> {
      if (task.getTaskDefinition() == null || task.getTaskDefinition().getCamundaFormDefinitionKey() == null) {
        return DeclaredFields.none();
      }
      try (InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
        return DeclaredFields.of(form);
      } catch (IOException unreadable) {
        throw new ProcessEngineException("The form of '" + task.getName() + "' cannot be read", unreadable);
      }
    });
  }

  /**
   * The values a task offers for a choice whose options come from a variable (a list of label and value): the one its
   * form loads when it opens, or in process versions that stored it, the task's variable.
   */
  private Set<String> options(CommandContext context, TaskEntity task, String variable) {
    return context.runWithoutAuthorization(() -> {
      TypedValue options = loadedByForm(task, variable).orElseGet(() -> task.getVariableTyped(variable, false));
      Set<String> values = new LinkedHashSet<>();
      if (options instanceof SerializableValue serialized && serialized.getValueSerialized() != null) {
        DeclaredFields.optionValues(serialized.getValueSerialized()).forEach(values::add);
      }
      return values;
    });
  }

  private static Optional<TypedValue> loadedByForm(TaskEntity task, String variable) {
    if (task.getTaskDefinition() == null || task.getTaskDefinition().getTaskFormHandler() == null) {
      return Optional.empty();
    }
    return task.getTaskDefinition().getTaskFormHandler().createTaskForm(task).getFormFields().stream()
        .filter(field -> variable.equals(field.getId()))
        .map(FormField::getValue)
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** A plain value as a form sends it; structured and file values are no form field's. */
  private static Object plain(Object value) {
    if (value instanceof SerializableValue || value instanceof FileValue) {
      return new Object();
    }
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private List<CommandChecker> checkers(CommandContext context) {
    return context.getProcessEngineConfiguration().getCommandCheckers();
  }

  /**
   * A listener's refusal (a missing required field, a value not allowed) arrives wrapped in the engine's "exception
   * while invoking listener", which clients answer with 500; and the engine REST API answers a completion or a form
   * submission with 500 for anything but a form validation error. The user's mistake is passed on as what each
   * client answers with 400: a form validation error for completions and form submissions, a bad request otherwise.
   */
  private static RuntimeException asTheUsersMistake(Command<?> command, ProcessEngineException failure) {
    if (failure instanceof AuthorizationException) {
      return failure;
    }
    Throwable mistake = failure;
    while (mistake != null && !(mistake instanceof BadUserRequestException || mistake instanceof FormException)) {
      mistake = mistake.getCause() == mistake ? null : mistake.getCause();
    }
    if (mistake == null) {
      return failure;
    }
    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd
        || command instanceof SubmitStartFormCmd) {
      return mistake instanceof FormFieldValidationException validation ? validation
          : new FormFieldValidationException(null, mistake.getMessage(), mistake);
    }
    return mistake instanceof BadUserRequestException badRequest ? badRequest
        : new BadUserRequestException(mistake.getMessage(), mistake);
  }
}
