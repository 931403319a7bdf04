package io.leadflow.system;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a request's work on a lead (a capture, an activity, an unsubscribe, an erasure) in a transaction of its own and
 * tries again when it collided with a concurrent one: the same new person posted twice at once (the second insert
 * loses to the unique constraint and merges instead), or a step of the lead's process that changed the same process
 * instance. Inside a caller's transaction it runs once; the caller decides.
 */
@Component
public class RetryingTransactions {

  private static final int ATTEMPTS = 8;
  /** PostgreSQL's deadlock_detected and serialization_failure. */
  private static final Set<String> TRANSIENT_STATES = Set.of("40P01", "40001");

  private final TransactionTemplate transaction;

  RetryingTransactions(PlatformTransactionManager transactionManager) {
    this.transaction = new TransactionTemplate(transactionManager);
  }

  public <T> T execute(Supplier<T> work) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return work.get();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> work.get());
      } catch (RuntimeException failure) {
        if (attempt == ATTEMPTS || !collided(failure)) {
          throw failure;
        }
        pause(attempt);
      }
    }
  }

  /**
   * Whether a concurrent transaction won: a lost optimistic lock, a unique constraint, or PostgreSQL's deadlock or
   * serialization failure, which reach here wrapped in the engine's persistence exception when a job of the same
   * process instance ran at the same moment.
   */
  static boolean collided(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DataIntegrityViolationException) {
        return true;
      }
    }
    return lostRace(failure);
  }

  /**
   * Whether the work met a concurrent change of the same rows: optimistic locking (the engine's, or JPA's on a lead),
   * or PostgreSQL's deadlock or serialization failure. Unlike a broken constraint, it cannot be the work's own fault.
   */
  static boolean lostRace(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException
          || cause instanceof OptimisticLockException
          || cause instanceof SQLException sql && TRANSIENT_STATES.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10, 30L * attempt));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while retrying a transaction", interrupted);
    }
  }
}
