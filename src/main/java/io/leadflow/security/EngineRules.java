package io.leadflow.security;

import io.leadflow.system.ProcessCriticalVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Puts Leadflow's rules for users' engine commands ({@link UserCommandRules}) in front of every command. */
@Component
class EngineRules extends AbstractProcessEnginePlugin {

  private final ObjectProvider<ProcessCriticalVariables> processCritical;
  private volatile Set<String> critical;

  EngineRules(ObjectProvider<ProcessCriticalVariables> processCritical) {
    this.processCritical = processCritical;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // the services run every command through this executor; the other one only runs the engine's own inner work
    configuration.setCustomPreCommandInterceptorsTxRequired(withFirst(
        new UserCommandRules(configuration, this::processCritical),
        configuration.getCustomPreCommandInterceptorsTxRequired()));
  }

  private Set<String> processCritical() {
    Set<String> names = critical;
    if (names == null) {
      names = processCritical.orderedStream().flatMap(variables -> variables.names().stream())
          .collect(Collectors.toUnmodifiableSet());
      critical = names;
    }
    return names;
  }

  private static List<CommandInterceptor> withFirst(CommandInterceptor first, List<CommandInterceptor> others) {
    List<CommandInterceptor> interceptors = new ArrayList<>(List.of(first));
    if (others != null) {
      interceptors.addAll(others);
    }
    return interceptors;
  }
}
