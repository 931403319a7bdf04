package io.leadflow.system;

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
      } catch (OptimisticLockingException | ConcurrencyFailureException | DataIntegrityViolationException collision) {
        if (attempt == ATTEMPTS) {
          throw collision;
        }
        pause(attempt);
      }
    }
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
