package io.leadflow.system;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work on one lead, whether a request (a capture, an activity, an unsubscribe, an erasure) or a step of its process,
 * takes the lead's row first and the engine's rows after it, so that two of them at the same moment wait for each
 * other instead of deadlocking or failing on a stale copy of the lead:
 * <ul>
 *   <li>before a step's first delegate runs, the step locks the lead its process instance is about (its business
 *       key), as a request does before it moves the process; a request that holds the lock makes the step wait, and
 *       the step then reads the lead as the request left it;</li>
 *   <li>what the step's delegates changed through JPA is written as the step ends, before the engine writes its own
 *       rows (once per step), not at the commit after them.</li>
 * </ul>
 */
@Component
class LeadRowsFirst extends AbstractProcessEnginePlugin implements CommandContextListener {

  private final EntityManager entities;
  private final JdbcTemplate jdbc;

  LeadRowsFirst(EntityManager entities, JdbcTemplate jdbc) {
    this.entities = entities;
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new LockedLeads.Factory(jdbc));
    DelegateInterceptor engines = configuration.getDelegateInterceptor() != null
        ? configuration.getDelegateInterceptor() : new DefaultDelegateInterceptor();
    configuration.setDelegateInterceptor(invocation -> {
      CommandContext command = Context.getCommandContext();
      if (command != null) {
        lead(invocation).ifPresent(command.getSession(LockedLeads.class)::lock);
        // the engine keeps a listener once per command
        command.registerCommandContextListener(this);
      }
      engines.handleInvocation(invocation);
    });
  }

  private static Optional<UUID> lead(DelegateInvocation invocation) {
    if (!(invocation.getContextExecution() instanceof DelegateExecution execution)
        || execution.getProcessBusinessKey() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(execution.getProcessBusinessKey()));
    } catch (IllegalArgumentException notALead) {
      return Optional.empty();
    }
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

  /** The leads a step has locked, each once. */
  static final class LockedLeads implements Session {

    private final JdbcTemplate jdbc;
    private final Set<UUID> locked = new HashSet<>();

    LockedLeads(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    void lock(UUID lead) {
      if (locked.add(lead)) {
        // the lock a request takes (LeadRepository.findAndLock); rows that refer to the lead can still be inserted
        jdbc.queryForList("select id from leadflow.lead where id = ? for no key update", UUID.class, lead);
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    record Factory(JdbcTemplate jdbc) implements SessionFactory {

      @Override
      public Class<?> getSessionType() {
        return LockedLeads.class;
      }

      @Override
      public Session openSession() {
        return new LockedLeads(jdbc);
      }
    }
  }
}
