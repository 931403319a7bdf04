package io.leadflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark's results: printed as a table for the person who ran it and written as JSON under
 * {@code target/bench/} for anything that compares runs. A figure with a target says whether it met it, and by how
 * much it missed.
 */
public final class Figures {

  private final String benchmark;
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private final Map<String, Object> keyed = new LinkedHashMap<>();

  public Figures(String benchmark) {
    this.benchmark = benchmark;
  }

  String benchmark() {
    return benchmark;
  }

  public void add(String figure, double value, String unit) {
    row(figure, value, unit, null);
  }

  /** A figure that should be at least the target. */
  void atLeast(String figure, double value, String unit, double target) {
    row(figure, value, unit, new Target(">=", target, value >= target));
  }

  /** A figure that should be at most the target. */
  void atMost(String figure, double value, String unit, double target) {
    row(figure, value, unit, new Target("<=", target, value <= target));
  }

  /**
   * Also writes the value at the top of the JSON document under the given key, where runs are compared by a fixed
   * name whatever the figure's wording (the keys issue 28's targets name).
   */
  void key(String key, double value) {
    keyed.put(key, Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0);
  }

  private void row(String figure, double value, String unit, Target target) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("figure", figure);
    row.put("value", Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0);
    row.put("unit", unit);
    if (Double.isNaN(value)) {
      row.put("measured", false);
    } else if (target != null) {
      row.put("target", target.comparison + " " + format(target.value));
      row.put("met", target.met);
      if (!target.met) {
        row.put("missedBy", String.format(Locale.ROOT, "%.0f %%",
            Math.abs(value - target.value) / Math.max(Math.abs(target.value), 1e-9) * 100));
      }
    }
    rows.add(row);
  }

  /** Prints the table and writes {@code target/bench/<benchmark>.json}. */
  public void report(Map<String, Object> setup) throws IOException {
    // a variant run passes settings to its nodes as environment variables (they inherit this JVM's environment)
    System.getenv().entrySet().stream()
        .filter(variable -> variable.getKey().startsWith("CAMUNDA_") || variable.getKey().startsWith("LEADFLOW_"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(variable -> setup.put(variable.getKey(), variable.getValue()));
    StringBuilder table = new StringBuilder("\n== ").append(benchmark).append(" ==\n");
    setup.forEach((key, value) -> table.append("  ").append(key).append(": ").append(value).append('\n'));
    table.append(String.format(Locale.ROOT, "%-58s %14s  %-8s %-12s %s%n", "figure", "value", "unit", "target", ""));
    for (Map<String, Object> row : rows) {
      Object met = row.get("met");
      Double value = (Double) row.get("value");
      String verdict = value == null ? "NOT MEASURED"
          : met == null ? "" : Boolean.TRUE.equals(met) ? "met" : "MISSED by " + row.get("missedBy");
      table.append(String.format(Locale.ROOT, "%-58s %14s  %-8s %-12s %s%n", row.get("figure"),
          value == null ? "-" : format(value), row.get("unit"), row.getOrDefault("target", ""), verdict));
    }
    System.out.println(table);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("benchmark", benchmark);
    document.put("finishedAt", Instant.now().toString());
    document.putAll(keyed);
    document.put("machine", Machine.describe());
    document.put("setup", setup);
    document.put("figures", rows);
    Path file = Path.of("target", "bench", benchmark + ".json");
    Files.createDirectories(file.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
  }

  private static String format(double value) {
    return Math.abs(value) >= 100 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  private record Target(String comparison, double value, boolean met) {
  }
}
