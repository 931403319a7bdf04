package io.leadflow.bench;

import java.util.concurrent.ConcurrentLinkedQueue;

/** Collects durations from many threads and answers percentiles (nearest rank). */
final class Latencies {

  private final ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();

  void add(double durationMillis) {
    millis.add(durationMillis);
  }

  int count() {
    return millis.size();
  }

  double percentile(double p) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
