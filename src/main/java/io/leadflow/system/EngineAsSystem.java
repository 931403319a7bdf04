package io.leadflow.system;

import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that Leadflow makes on its own behalf (is the lead's process running? hand it the lead's new
 * activity) without the logged-in user's engine authorizations: whoever may capture a lead may make the process
 * react to it, even without the right to read or change process instances in Cockpit.
 */
@Component
public class EngineAsSystem {

  private static final ThreadLocal<String> ON_BEHALF_OF = new ThreadLocal<>();

  private final IdentityService identity;

  EngineAsSystem(IdentityService identity) {
    this.identity = identity;
  }

  public <T> T call(Supplier<T> work) {
    Authentication user = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (user != null) {
        identity.setAuthentication(user);
      }
    }
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }

  /**
   * Runs like {@link #run}, but what the work records about who acted (the stage history) still names the logged-in
   * user: for a step that user's request causes but that their role may not take in the engine themselves, such as
   * starting the lifecycle of the lead they captured.
   */
  public void runOnBehalfOfUser(Runnable work) {
    Authentication user = identity.getCurrentAuthentication();
    String previous = ON_BEHALF_OF.get();
    if (user != null) {
      ON_BEHALF_OF.set(user.getUserId());
    }
    try {
      run(work);
    } finally {
      if (previous == null) {
        ON_BEHALF_OF.remove();
      } else {
        ON_BEHALF_OF.set(previous);
      }
    }
  }

  /** The user a call of {@link #runOnBehalfOfUser} is made for, while it runs. */
  public static Optional<String> onBehalfOf() {
    return Optional.ofNullable(ON_BEHALF_OF.get());
  }
}
