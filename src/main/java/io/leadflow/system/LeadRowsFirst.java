package io.leadflow.system;

import jakarta.persistence.EntityManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every transaction on a lead locks Leadflow's rows before the engine's. A request (a capture, an activity, an
 * unsubscribe) locks the lead's row first and then moves its process instance; a step of the process writes the
 * engine's rows when the step ends, and the changes its delegates made to the lead through JPA only at the commit
 * after that. A request and a step on one lead at the same moment then wait for each other in opposite order, and
 * PostgreSQL ends one of them as a deadlock. Writing what a delegate changed when the delegate returns puts the lead
 * first in both: the later one waits, and the engine's optimistic locking decides the rest, as it does for two steps.
 */
@Component
class LeadRowsFirst extends AbstractProcessEnginePlugin {

  private final EntityManager entities;

  LeadRowsFirst(EntityManager entities) {
    this.entities = entities;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DelegateInterceptor engines = configuration.getDelegateInterceptor() != null
        ? configuration.getDelegateInterceptor() : new DefaultDelegateInterceptor();
    configuration.setDelegateInterceptor(invocation -> {
      engines.handleInvocation(invocation);
      flush();
    });
  }

  private void flush() {
    if (TransactionSynchronizationManager.isActualTransactionActive() && entities.isJoinedToTransaction()) {
      entities.flush();
    }
  }
}
