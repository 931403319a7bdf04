package io.leadflow.routing;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.leadflow.system.Groups;
import io.leadflow.system.EngineAsSystem;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Managers give a lead's task to a rep in Tasklist, whose assignee box looks the user up: managers may read the users
 * who are reps, and no others. Every rep is granted when made one, and at start (reps made before).
 */
@Component
class RepDirectory implements SmartInitializingSingleton {

  private final SalesRepRepository reps;
  private final AuthorizationService authorizations;
  private final EngineAsSystem system;

  RepDirectory(SalesRepRepository reps, AuthorizationService authorizations, EngineAsSystem system) {
    this.reps = reps;
    this.authorizations = authorizations;
    this.system = system;
  }

  @Override
  public void afterSingletonsInstantiated() {
    reps.findAll().forEach(rep -> letManagersFind(rep.getUserId()));
  }

  void letManagersFind(String userId) {
    system.run(() -> {
      if (authorizations.createAuthorizationQuery().groupIdIn(Groups.SALES_MANAGERS).resourceType(Resources.USER)
          .resourceId(userId).count() == 0) {
        Authorization read = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        read.setGroupId(Groups.SALES_MANAGERS);
        read.setResource(Resources.USER);
        read.setResourceId(userId);
        read.addPermission(Permissions.READ);
        authorizations.saveAuthorization(read);
      }
    });
  }
}
