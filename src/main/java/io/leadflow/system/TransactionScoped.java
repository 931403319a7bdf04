package io.leadflow.system;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers worked out once per transaction and then reused in it, e.g. the SLA policy that a task's due date, its
 * deadline timer and its reminder each ask for while the task is created. The next transaction asks again, so a changed
 * table or calendar applies at once; outside a transaction nothing is kept.
 */
public final class TransactionScoped<K, V> {

  public V get(K key, Function<K, V> compute) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return compute.apply(key);
    }
    @SuppressWarnings("unchecked")
    Map<K, V> known = (Map<K, V>) TransactionSynchronizationManager.getResource(this);
    if (known == null) {
      known = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, known);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScoped.this);
        }
      });
    }
    V value = known.get(key);
    if (value == null) {
      value = compute.apply(key);
      known.put(key, value);
    }
    return value;
  }
}
