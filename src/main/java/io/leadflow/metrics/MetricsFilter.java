package io.leadflow.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which leads and which period a figure covers. The period is whole UTC days, {@code from} and {@code to} inclusive;
 * the other filters are the lead's attributes (its segment, sales team, owner, source channel and campaign).
 */
public record MetricsFilter(LocalDate from, LocalDate to, String segment, String team, String rep, String channel,
    String campaign) {

  Instant start() {
    return from.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  Instant end() {
    return to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The SQL condition on the lead (alias {@code l}) and its parameters. */
  String leadCondition(Map<String, Object> parameters) {
    List<String> conditions = new ArrayList<>();
    add(conditions, parameters, "l.segment", "segment", segment);
    add(conditions, parameters, "l.team", "team", team);
    add(conditions, parameters, "l.owner", "rep", rep);
    add(conditions, parameters, "l.source_channel", "channel", channel);
    add(conditions, parameters, "l.campaign", "campaign", campaign);
    return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
  }

  /** Filters by what routing gives a lead (its team, its rep), which it has only from MQL on. */
  boolean byRouting() {
    return !isBlank(team) || !isBlank(rep);
  }

  /** Nothing filters the leads: figures that have per-day totals over all leads can use them. */
  boolean allLeads() {
    return leadCondition(new LinkedHashMap<>()).equals("true");
  }

  Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("start", java.sql.Timestamp.from(start()));
    parameters.put("end", java.sql.Timestamp.from(end()));
    return parameters;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static void add(List<String> conditions, Map<String, Object> parameters, String column, String name,
      String value) {
    if (value != null && !value.isBlank()) {
      conditions.add(column + " = :" + name);
      parameters.put(name, value);
    }
  }
}
