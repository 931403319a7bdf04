package io.leadflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.leadflow.lifecycle.LogInquiry;
import io.leadflow.system.Groups;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates what Leadflow's roles need in Camunda's identity and authorization tables: the groups, their permissions
 * and the first administrator. Idempotent; nodes that start together take turns
 * ({@link io.leadflow.system.StartupLock}). Tasklist's filters: lifecycle.TasklistFilters.
 */
@Component
class IdentitySetup implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final TransactionTemplate transaction;
  private final AdminAccount admin;

  IdentitySetup(IdentityService identity, AuthorizationService authorizations, TransactionTemplate transaction,
      AdminAccount admin) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.transaction = transaction;
    this.admin = admin;
  }

  @Override
  public void afterSingletonsInstantiated() {
    transaction.executeWithoutResult(status -> {
      setUpRoles();
      setUpAdmin();
    });
  }

  /**
   * The least each role's work needs (src/docs/security.md, "Who may do what"). Task work comes from the tasks
   * themselves: the engine grants their assignee and candidate groups TASK_WORK (generic property
   * defaultUserPermissionNameForTask), which completes and claims but neither assigns nor writes variables.
   */
  private void setUpRoles() {
    group(Groups.ADMINS, "Leadflow administrators");
    group(Groups.MARKETING_OPS, "Marketing operations");
    group(Groups.SALES_REPS, "Sales representatives");
    group(Groups.SALES_MANAGERS, "Sales managers");
    for (Resource resource : Resources.values()) {
      grant(Groups.ADMINS, resource, ANY, Permissions.ALL);
    }
    for (String group : List.of(Groups.MARKETING_OPS, Groups.SALES_REPS, Groups.SALES_MANAGERS)) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    }
    // reading a process definition lets Tasklist show the task's diagram
    grant(Groups.SALES_REPS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    grant(Groups.MARKETING_OPS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    // marketing ops start one process by hand, through its start form: logging a called-in inquiry
    grant(Groups.MARKETING_OPS, Resources.PROCESS_DEFINITION, LogInquiry.PROCESS_KEY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(Groups.MARKETING_OPS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    // managers watch all work in Cockpit, retry failed steps and give tasks to reps; they change no process
    grant(Groups.SALES_MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Groups.SALES_MANAGERS, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.RETRY_JOB);
    grant(Groups.SALES_MANAGERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
        ProcessInstancePermissions.RETRY_JOB);
    grant(Groups.SALES_MANAGERS, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.TASK_ASSIGN);
    grant(Groups.SALES_MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(Groups.SALES_MANAGERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(Groups.SALES_MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.READ);
    workNotUpdate();
  }

  /**
   * Tasks created before the engine granted TASK_WORK carry UPDATE for their assignee and candidate groups, which
   * would let a rep assign the task to anyone and write any of its variables: those grants become TASK_WORK.
   */
  private void workNotUpdate() {
    List<Authorization> updates;
    while (!(updates = authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
        .authorizationType(AUTH_TYPE_GRANT).hasPermission(TaskPermissions.UPDATE).listPage(0, 500).stream()
        .filter(grant -> !ANY.equals(grant.getResourceId()) && !Groups.ADMINS.equals(grant.getGroupId()))
        .toList()).isEmpty()) {
      for (Authorization grant : updates) {
        grant.removePermission(TaskPermissions.UPDATE);
        grant.addPermission(TaskPermissions.TASK_WORK);
        authorizations.saveAuthorization(grant);
      }
    }
  }

  private void setUpAdmin() {
    if (identity.createUserQuery().userId(admin.username()).count() == 0) {
      User user = identity.newUser(admin.username());
      user.setFirstName("Site");
      user.setLastName("Administrator");
      if (!identity.checkPasswordAgainstPolicy(admin.password(), user).isValid()) {
        throw new IllegalStateException("The administrator's password (leadflow.admin.password, "
            + "LEADFLOW_ADMIN_PASSWORD) does not match the password policy: at least 10 characters with upper and "
            + "lower case letters, a digit and a special character, and not containing the user's name");
      }
      user.setPassword(admin.password());
      identity.saveUser(user);
      identity.createMembership(admin.username(), Groups.ADMINS);
      LOG.info("Created the administrator '{}'", admin.username());
    }
  }

  private void group(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }

  /** The group's grant on the resource holds exactly these permissions, whatever an earlier version granted. */
  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
        .resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).list().stream().findFirst().orElse(null);
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    authorization.setPermissions(permissions);
    authorizations.saveAuthorization(authorization);
  }
}
