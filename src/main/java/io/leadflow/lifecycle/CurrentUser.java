package io.leadflow.lifecycle;

import io.leadflow.system.EngineAsSystem;
import org.camunda.bpm.engine.delegate.ProcessEngineServicesAware;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is acting in the engine right now: the logged-in user completing a task (or the user Leadflow acts for, see
 * {@link EngineAsSystem#runOnBehalfOfUser}), or "system" for jobs and timers.
 */
public final class CurrentUser {

  public static final String SYSTEM = "system";

  private CurrentUser() {
  }

  public static String of(ProcessEngineServicesAware context) {
    Authentication authentication = context.getProcessEngineServices().getIdentityService()
        .getCurrentAuthentication();
    return authentication == null ? EngineAsSystem.onBehalfOf().orElse(SYSTEM) : authentication.getUserId();
  }
}
