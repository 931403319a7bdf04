package io.leadflow.metrics;

import static io.leadflow.metrics.LeadProcessReview.Variables.*;

import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.scoring.LeadScoring;
import io.leadflow.sla.SlaPolicies;
import io.leadflow.sla.SlaPolicy;
import io.leadflow.sla.SlaStep;
import io.leadflow.system.JsonVariables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.springframework.stereotype.Component;

/**
 * "Gather key figures": the funnel of the period before the review (volumes, conversion, velocity, SLA compliance
 * per step and per team, the most frequent lost and disqualification reasons) and the SLA table as
 * dmn/SlaPolicy.dmn decides it today, as tables the review form shows; and when the review is due.
 */
@Component("gatherKeyFigures")
class GatherKeyFiguresDelegate implements JavaDelegate {

  private static final int TOP_REASONS_SHOWN = 10;

  private final FunnelMetrics metrics;
  private final SlaPolicies policies;
  private final RepositoryService repository;
  private final ProcessReviewSchedule schedule;

  GatherKeyFiguresDelegate(FunnelMetrics metrics, SlaPolicies policies, RepositoryService repository,
      ProcessReviewSchedule schedule) {
    this.metrics = metrics;
    this.policies = policies;
    this.repository = repository;
    this.schedule = schedule;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = ClockUtil.now().toInstant();
    // set here, once, so that the task's due date and its deadline timer are the same instant
    execution.setVariable(DUE_AT, Date.from(now.plus(schedule.getDueWithin())));
    execution.setVariable(FOLLOW_UP_AT, Date.from(now.plus(schedule.getFollowUpWithin())));
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    MetricsFilter period = new MetricsFilter(today.minus(schedule.getPeriod()), today.minusDays(1), null, null, null,
        null, null);
    execution.setVariable(PERIOD_FROM, period.from().toString());
    execution.setVariable(PERIOD_TO, period.to().toString());
    execution.setVariable(VOLUMES, JsonVariables.of(metrics.volumes(period)));
    execution.setVariable(CONVERSIONS, JsonVariables.of(metrics.conversions(period).stream()
        .map(c -> row("from", c.fromStage(), "to", c.toStage(), "entered", c.entered(), "reached", c.reached(),
            "rate", percent(c.rate())))
        .toList()));
    execution.setVariable(VELOCITY, JsonVariables.of(metrics.velocity(period).stream()
        .map(v -> row("stage", v.stage(), "measured", v.measured(), "medianDays", days(v.medianDays()),
            "p80Days", days(v.p80Days())))
        .toList()));
    execution.setVariable(SLA_COMPLIANCE_BY_STEP, JsonVariables.of(
        metrics.slaCompliance(period, FunnelMetrics.SlaGrouping.STEP).stream()
            .map(s -> row("step", s.step(), "due", s.due(), "breached", s.breached(),
                "compliance", percent(s.compliance())))
            .toList()));
    execution.setVariable(SLA_COMPLIANCE, JsonVariables.of(
        metrics.slaCompliance(period, FunnelMetrics.SlaGrouping.TEAM).stream()
            .map(s -> row("step", s.step(), "team", s.team(), "due", s.due(), "breached", s.breached(),
                "compliance", percent(s.compliance())))
            .toList()));
    execution.setVariable(TOP_REASONS, JsonVariables.of(metrics.reasons(period).stream()
        .sorted(Comparator.comparingLong(FunnelMetrics.Reason::count).reversed())
        .limit(TOP_REASONS_SHOWN).toList()));
    execution.setVariable(SLA_TABLE, JsonVariables.of(slaTable()));
  }

  /**
   * One row per step and policy: the table is asked for every segment dmn/LeadSegment.dmn can give, for hand-raisers
   * and the others, and the cases it answers alike share a row.
   */
  private List<Map<String, Object>> slaTable() {
    List<String> segments = segments();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SlaStep step : SlaStep.values()) {
      Map<String, Map<Boolean, List<String>>> casesByPolicy = new LinkedHashMap<>();
      for (boolean handRaiser : List.of(false, true)) {
        for (String segment : segments) {
          casesByPolicy.computeIfAbsent(policy(step, segment, handRaiser), key -> new LinkedHashMap<>())
              .computeIfAbsent(handRaiser, key -> new ArrayList<>()).add(segment);
        }
      }
      casesByPolicy.forEach((policy, cases) -> rows.add(row("step", step.name(),
          "segments", appliesTo(cases, segments), "policy", policy)));
    }
    return rows;
  }

  /** The segments dmn/LeadSegment.dmn gives leads, in the order of its rules: the strings of its output "segment". */
  private List<String> segments() {
    DecisionDefinition decision = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(LeadScoring.SEGMENT_DECISION).latestVersion().singleResult();
    DecisionTable table = repository.getDmnModelInstance(decision.getId())
        .getModelElementsByType(DecisionTable.class).iterator().next();
    String segment = LeadLifecycle.Variables.SEGMENT;
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    int column = IntStream.range(0, outputs.size()).filter(i -> segment.equals(outputs.get(i).getName())).findFirst()
        .orElseThrow(() -> new IllegalStateException(LeadScoring.SEGMENT_DECISION + " has no output " + segment));
    return table.getRules().stream()
        .map(rule -> new ArrayList<>(rule.getOutputEntries()).get(column).getText().getTextContent().strip())
        .filter(text -> text.length() > 1 && text.startsWith("\"") && text.endsWith("\""))
        .map(text -> text.substring(1, text.length() - 1))
        .distinct()
        .toList();
  }

  /** A case the table has no answer for shows as such: the review is where the table gets fixed. */
  private String policy(SlaStep step, String segment, boolean handRaiser) {
    try {
      return describe(policies.policy(step, segment, handRaiser));
    } catch (IllegalStateException undecided) {
      return "not decided: " + undecided.getMessage();
    }
  }

  /** "all segments", "ENTERPRISE", "all segments, hand-raisers; SMB, not hand-raisers". */
  private static String appliesTo(Map<Boolean, List<String>> cases, List<String> allSegments) {
    List<String> others = cases.getOrDefault(false, List.of());
    List<String> handRaisers = cases.getOrDefault(true, List.of());
    if (others.equals(handRaisers)) {
      return segments(others, allSegments);
    }
    List<String> parts = new ArrayList<>();
    if (!handRaisers.isEmpty()) {
      parts.add(segments(handRaisers, allSegments) + ", hand-raisers");
    }
    if (!others.isEmpty()) {
      parts.add(segments(others, allSegments) + ", not hand-raisers");
    }
    return String.join("; ", parts);
  }

  private static String segments(List<String> some, List<String> allSegments) {
    return some.size() == allSegments.size() ? "all segments" : String.join(", ", some);
  }

  private static String describe(SlaPolicy policy) {
    StringBuilder text = new StringBuilder(policy.endOfWorkingDay() ? "by the end of the working day"
        : "within " + amount(policy.deadline(), policy.counting()));
    if (policy.countFrom() == SlaPolicy.CountFrom.REQUEST) {
      text.append(" of the request");
    }
    if (policy.maximum() != null) {
      text.append(", at most ").append(amount(policy.maximum(), policy.maximumCounting()));
    }
    if (policy.reminderBefore() != null) {
      text.append("; reminder ").append(duration(policy.reminderBefore())).append(" before");
    }
    if (policy.reminderEvery() != null) {
      text.append("; reminder every ").append(duration(policy.reminderEvery()));
    }
    if (policy.escalateTo() != null) {
      text.append("; escalated to ").append(policy.escalateTo());
    }
    return text.toString();
  }

  /** "8 hours of working time", "2 working days", "30 days". */
  private static String amount(Duration amount, SlaPolicy.Counting counting) {
    return switch (counting) {
      case WORKING_HOURS -> duration(amount) + " of working time";
      case WORKING_DAYS -> amount.toHours() > 0 && amount.toHours() % 24 == 0
          ? amount.toDays() + (amount.toDays() == 1 ? " working day" : " working days")
          : duration(amount) + " on working days";
      case CALENDAR -> duration(amount);
    };
  }

  private static String duration(Duration duration) {
    if (duration.toHours() >= 48 && duration.toHours() % 24 == 0) {
      return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
    }
    if (duration.toMinutes() % 60 == 0) {
      return duration.toHours() + (duration.toHours() == 1 ? " hour" : " hours");
    }
    return duration.toMinutes() + " minutes";
  }

  private static String percent(Double ratio) {
    return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }

  private static String days(Double days) {
    return days == null ? "n/a" : String.format(Locale.ROOT, "%.1f", days);
  }

  private static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }
}
