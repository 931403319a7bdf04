package io.leadflow.metrics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The funnel of a period as the quarterly review's form shows it, as tables: volumes, conversion, velocity, SLA
 * compliance per step and per team, the most frequent lost and disqualification reasons, and the SLA table of today.
 */
@Component
class KeyFigures {

  private static final int TOP_REASONS_SHOWN = 10;

  private final FunnelMetrics metrics;
  private final SlaTableSummary slaTable;

  KeyFigures(FunnelMetrics metrics, SlaTableSummary slaTable) {
    this.metrics = metrics;
    this.slaTable = slaTable;
  }

  /** The tables by their process variable's name (LeadProcessReview.Variables). */
  Map<String, Object> of(MetricsFilter period) {
    Map<String, Object> tables = new LinkedHashMap<>();
    tables.put(LeadProcessReview.Variables.VOLUMES, metrics.volumes(period));
    tables.put(LeadProcessReview.Variables.CONVERSIONS, metrics.conversions(period).stream()
        .map(c -> row("from", c.fromStage(), "to", c.toStage(), "entered", c.entered(), "reached", c.reached(),
            "rate", percent(c.rate())))
        .toList());
    tables.put(LeadProcessReview.Variables.VELOCITY, metrics.velocity(period).stream()
        .map(v -> row("stage", v.stage(), "measured", v.measured(), "medianDays", days(v.medianDays()),
            "p80Days", days(v.p80Days())))
        .toList());
    tables.put(LeadProcessReview.Variables.SLA_COMPLIANCE_BY_STEP,
        metrics.slaCompliance(period, FunnelMetrics.SlaGrouping.STEP).stream()
            .map(s -> row("step", s.step(), "due", s.due(), "breached", s.breached(),
                "compliance", percent(s.compliance())))
            .toList());
    tables.put(LeadProcessReview.Variables.SLA_COMPLIANCE,
        metrics.slaCompliance(period, FunnelMetrics.SlaGrouping.TEAM).stream()
            .map(s -> row("step", s.step(), "team", s.team(), "due", s.due(), "breached", s.breached(),
                "compliance", percent(s.compliance())))
            .toList());
    tables.put(LeadProcessReview.Variables.TOP_REASONS, metrics.reasons(period).stream()
        .sorted(Comparator.comparingLong(FunnelMetrics.Reason::count).reversed())
        .limit(TOP_REASONS_SHOWN).toList());
    tables.put(LeadProcessReview.Variables.SLA_TABLE, slaTable.rows());
    return tables;
  }

  private static String percent(Double ratio) {
    return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }

  private static String days(Double days) {
    return days == null ? "n/a" : String.format(Locale.ROOT, "%.1f", days);
  }

  static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }
}
