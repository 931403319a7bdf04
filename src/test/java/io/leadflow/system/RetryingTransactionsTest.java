package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** Which failures are a lost race worth another attempt, as PostgreSQL and the engine report them. */
class RetryingTransactionsTest {

  private final RetryingTransactions transactions = new RetryingTransactions(new NoResources());

  @Test
  void shouldTryAgainWhenTheEngineReportsAPostgresDeadlock() {
    AtomicInteger attempts = new AtomicInteger();

    String result = transactions.execute(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw engineFailure("40P01", "deadlock detected");
      }
      return "captured";
    });

    assertThat(result).isEqualTo("captured");
    assertThat(attempts).hasValue(2);
  }

  @Test
  void shouldNotTryAgainWhatNoOtherTransactionCaused() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> transactions.execute(() -> {
      attempts.incrementAndGet();
      throw engineFailure("22001", "value too long for type character varying(500)");
    })).isInstanceOf(ProcessEnginePersistenceException.class);

    assertThat(attempts).hasValue(1);
    assertThat(RetryingTransactions.collided(engineFailure("40001", "could not serialize access"))).isTrue();
    assertThat(RetryingTransactions.collided(new ProcessEngineException("no such task"))).isFalse();
  }

  private static RuntimeException engineFailure(String sqlState, String message) {
    // as PostgreSQL's driver reports it, inside MyBatis' and the engine's exceptions
    SQLException postgres = new SQLException("ERROR: " + message, sqlState);
    return new ProcessEnginePersistenceException("An exception occurred in the persistence layer",
        new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation", new RuntimeException(postgres)));
  }

  /** Transactions without a resource: the test is about the attempts, not the database. */
  private static final class NoResources extends AbstractPlatformTransactionManager {

    @Override
    protected Object doGetTransaction() {
      return new Object();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
    }
  }
}
