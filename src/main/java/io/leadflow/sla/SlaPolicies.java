package io.leadflow.sla;

import io.leadflow.system.TransactionScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/** Reads the SLA policy decision table (dmn/SlaPolicy.dmn), which process designers and managers own. */
@Service
public class SlaPolicies {

  public static final String DECISION = "SlaPolicy";
  /** A deadline at the end of the owning team's working day. */
  public static final String END_OF_WORKING_DAY = "END_OF_WORKING_DAY";

  private final DecisionService decisions;
  /** A task's due date, deadline and reminder ask for the same policy: the table decides it once for them. */
  private final TransactionScoped<Input, SlaPolicy> decided = new TransactionScoped<>();

  SlaPolicies(DecisionService decisions) {
    this.decisions = decisions;
  }

  public SlaPolicy policy(SlaStep step, String segment, boolean handRaiser) {
    return decided.get(new Input(step, segment, handRaiser),
        input -> decide(input.step(), input.segment(), input.handRaiser()));
  }

  private record Input(SlaStep step, String segment, boolean handRaiser) {
  }

  private SlaPolicy decide(SlaStep step, String segment, boolean handRaiser) {
    DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey(DECISION)
        .variables(Variables.createVariables()
            .putValue("slaStep", step.name())
            .putValue("segment", segment)
            .putValue("handRaiser", handRaiser))
        .evaluate()
        .getSingleResult();
    if (result == null) {
      throw new IllegalStateException("The SLA policy (" + DECISION + ") has no rule for step " + step
          + ", segment " + segment + ", hand-raiser " + handRaiser);
    }
    Map<String, Object> entries = result.getEntryMap();
    boolean endOfWorkingDay = END_OF_WORKING_DAY.equals(entries.get("slaDeadline"));
    Duration maximum = optionalDuration(entries, "slaMaximum", step);
    return new SlaPolicy(
        endOfWorkingDay ? null : duration(entries, "slaDeadline", step),
        endOfWorkingDay,
        option(entries, "slaTime", step, SlaPolicy.Counting.class, SlaPolicy.Counting.CALENDAR),
        maximum,
        maximum == null ? null
            : option(entries, "slaMaximumTime", step, SlaPolicy.Counting.class, SlaPolicy.Counting.CALENDAR),
        option(entries, "slaCountFrom", step, SlaPolicy.CountFrom.class, SlaPolicy.CountFrom.STEP),
        optionalDuration(entries, "slaReminderBefore", step),
        optionalDuration(entries, "slaReminderEvery", step),
        Boolean.TRUE.equals(entries.get("slaOutOfHours")),
        entries.get("slaMinimumAttempts") == null ? null : ((Number) entries.get("slaMinimumAttempts")).intValue(),
        (String) entries.get("slaEscalateTo"));
  }

  /** An output naming one of the choices; empty gives the default. */
  private static <E extends Enum<E>> E option(Map<String, Object> entries, String name, SlaStep step, Class<E> type,
      E otherwise) {
    Object value = entries.get(name);
    if (value == null || value.toString().isBlank()) {
      return otherwise;
    }
    try {
      return Enum.valueOf(type, value.toString().trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The SLA policy's " + name + " for step " + step + " is '" + value
          + "', not one of " + Arrays.toString(type.getEnumConstants()), e);
    }
  }

  private static Duration duration(Map<String, Object> entries, String name, SlaStep step) {
    Duration duration = optionalDuration(entries, name, step);
    if (duration == null) {
      throw new IllegalStateException("The SLA policy gives no " + name + " for step " + step);
    }
    return duration;
  }

  private static Duration optionalDuration(Map<String, Object> entries, String name, SlaStep step) {
    Object value = entries.get(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return parse(value.toString().trim());
    } catch (RuntimeException e) {
      throw new IllegalStateException("The SLA policy's " + name + " for step " + step + " is '" + value
          + "', not an ISO 8601 duration such as PT24H or P2D", e);
    }
  }

  /** ISO 8601 durations with days, as the policy table writes them ("P2D", "PT4H", "P1DT12H"). */
  static Duration parse(String text) {
    if (text.startsWith("P") && !text.contains("T") && text.endsWith("D")) {
      return Duration.ofDays(Long.parseLong(text.substring(1, text.length() - 1)));
    }
    return Duration.parse(text);
  }
}
