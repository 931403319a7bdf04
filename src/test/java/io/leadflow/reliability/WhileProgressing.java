package io.leadflow.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition for as long as the work towards it visibly goes on. On a loaded machine that work may be slow,
 * which is no failure; work that stops (a node that hangs, jobs that no longer run) is one, and fails as soon as it has
 * stood still for the given time, whatever the machine's load. An upper limit bounds the whole wait.
 */
final class WhileProgressing {

  private WhileProgressing() {
  }

  /**
   * @param what what is awaited, for the failure message
   * @param done whether it is there
   * @param progress a figure that changes while the work goes on (rows written, CPU time used)
   * @param stall how long the figure may stand still
   * @param limit how long the whole wait may take
   */
  static void await(String what, BooleanSupplier done, Supplier<?> progress, Duration stall, Duration limit)
      throws InterruptedException {
    Instant start = Instant.now();
    Object last = progress.get();
    Instant lastChange = start;
    while (!done.getAsBoolean()) {
      Instant now = Instant.now();
      Object current = progress.get();
      if (!Objects.equals(current, last)) {
        last = current;
        lastChange = now;
      } else if (Duration.between(lastChange, now).compareTo(stall) > 0) {
        throw new AssertionError(what + ": nothing moved for " + stall + " (still at " + current + ")");
      }
      if (Duration.between(start, now).compareTo(limit) > 0) {
        throw new AssertionError(what + ": not done within " + limit + " although it moved (now at " + current
            + ")");
      }
      Thread.sleep(500);
    }
  }
}
