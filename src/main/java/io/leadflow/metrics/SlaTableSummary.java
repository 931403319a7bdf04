package io.leadflow.metrics;

import io.leadflow.scoring.LeadSegments;
import io.leadflow.sla.SlaPolicies;
import io.leadflow.sla.SlaPolicy;
import io.leadflow.sla.SlaStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The SLA table as dmn/SlaPolicy.dmn decides it today, in words, as the quarterly review shows it. */
@Component
class SlaTableSummary {

  private final SlaPolicies policies;
  private final LeadSegments segments;

  SlaTableSummary(SlaPolicies policies, LeadSegments segments) {
    this.policies = policies;
    this.segments = segments;
  }

  /**
   * One row per step and policy: the table is asked for every segment dmn/LeadSegment.dmn can give, for hand-raisers
   * and the others, and the cases it answers alike share a row.
   */
  List<Map<String, Object>> rows() {
    List<String> all = segments.all();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SlaStep step : SlaStep.values()) {
      Map<String, Map<Boolean, List<String>>> casesByPolicy = new LinkedHashMap<>();
      for (boolean handRaiser : List.of(false, true)) {
        for (String segment : all) {
          casesByPolicy.computeIfAbsent(policy(step, segment, handRaiser), key -> new LinkedHashMap<>())
              .computeIfAbsent(handRaiser, key -> new ArrayList<>()).add(segment);
        }
      }
      casesByPolicy.forEach((policy, cases) -> rows.add(KeyFigures.row("step", step.name(),
          "segments", appliesTo(cases, all), "policy", policy)));
    }
    return rows;
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
}
