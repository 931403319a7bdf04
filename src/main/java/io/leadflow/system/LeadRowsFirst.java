package io.leadflow.system;

import jakarta.persistence.EntityManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every transaction on a lead locks Leadflow's rows before the engine's. A request (a capture, an activity, an
 * unsubscribe) locks the lead's row first and then moves its process instance. A step of the process wrote the engine's
 * rows when it ended, and what its delegates changed on the lead through JPA only at the commit after that: a request
 * and a step on one lead at the same moment waited for each other in opposite order, and PostgreSQL ended one of them
 * as a deadlock. Once a delegate has run, the step writes its JPA changes as it ends, just before the engine's rows
 * (once per step): the later of the two waits, and the engine's optimistic locking decides the rest.
 */
@Component
class LeadRowsFirst extends AbstractProcessEnginePlugin implements CommandContextListener {

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
      CommandContext command = Context.getCommandContext();
      if (command != null) {
        // registered once per command: the engine keeps a listener only once
        command.registerCommandContextListener(this);
      }
    });
  }

  /** Called as the step ends, before the engine writes its own rows. */
  @Override
  public void onCommandContextClose(CommandContext commandContext) {
    if (TransactionSynchronizationManager.isActualTransactionActive() && entities.isJoinedToTransaction()) {
      entities.flush();
    }
  }

  @Override
  public void onCommandFailed(CommandContext commandContext, Throwable failure) {
    // the transaction rolls back: nothing to write
  }
}
