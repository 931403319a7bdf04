package io.leadflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static io.leadflow.sla.SlaPolicy.Counting.CALENDAR;
import static io.leadflow.sla.SlaPolicy.Counting.WORKING_DAYS;
import static io.leadflow.sla.SlaPolicy.Counting.WORKING_HOURS;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.leadflow.ProcessTest;
import io.leadflow.sla.SlaPolicy.CountFrom;
import io.leadflow.sla.SlaPolicy.Counting;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every rule of dmn/SlaPolicy.dmn through the engine's decision service, as the lifecycle's timers read it. */
@ProcessTest
class SlaPolicyDecisionTest {

  @Autowired
  SlaPolicies policies;

  static Stream<Arguments> rules() {
    return Stream.of(
        arguments("MqlReviewHandRaiser (one working hour)", SlaStep.MQL_REVIEW, "SMB", true,
            policy(hours(1), WORKING_HOURS, null, null, minutes(20), null, false, null, "sales-managers")),
        arguments("MqlReview (24 hours of working days)", SlaStep.MQL_REVIEW, "SMB", false,
            policy(hours(24), WORKING_DAYS, null, null, hours(4), null, false, null, "sales-managers")),
        arguments("AcceptanceHandRaiser (shorter)", SlaStep.ACCEPTANCE, "ENTERPRISE", true,
            policy(minutes(30), WORKING_HOURS, null, null, minutes(10), null, false, null, "sales-managers")),
        arguments("Acceptance (capped in working days)", SlaStep.ACCEPTANCE, "ENTERPRISE", false,
            policy(hours(8), WORKING_HOURS, days(2), WORKING_DAYS, hours(2), null, false, null, "sales-managers")),
        arguments("Acceptance (segment missing)", SlaStep.ACCEPTANCE, null, false,
            policy(hours(8), WORKING_HOURS, days(2), WORKING_DAYS, hours(2), null, false, null, "sales-managers")),
        arguments("FirstContactHandRaiser (speed to lead, from the request)", SlaStep.FIRST_CONTACT, "SMB", true,
            new SlaPolicy(hours(1), false, WORKING_HOURS, null, null, CountFrom.REQUEST, minutes(20), null, false, null,
                "sales-managers")),
        arguments("FirstContact (same working day)", SlaStep.FIRST_CONTACT, "ENTERPRISE", false,
            new SlaPolicy(null, true, WORKING_HOURS, null, null, CountFrom.STEP, hours(2), null, false, null,
                "sales-managers")),
        arguments("FollowUpCadence (three attempts before no response)", SlaStep.FOLLOW_UP, "SMB", false,
            policy(days(10), CALENDAR, null, null, null, days(1), false, 3, "sales-managers")),
        arguments("EnterpriseOpportunity", SlaStep.OPPORTUNITY_STAGE, "ENTERPRISE", false,
            policy(days(60), CALENDAR, null, null, days(7), null, false, null, "sales-managers")),
        arguments("Opportunity", SlaStep.OPPORTUNITY_STAGE, "MID_MARKET", false,
            policy(days(30), CALENDAR, null, null, days(7), null, false, null, "sales-managers")),
        arguments("Opportunity (segment missing)", SlaStep.OPPORTUNITY_STAGE, null, false,
            policy(days(30), CALENDAR, null, null, days(7), null, false, null, "sales-managers")),
        arguments("DataFix", SlaStep.DATA_FIX, "SMB", false,
            policy(hours(8), WORKING_HOURS, days(2), WORKING_DAYS, hours(2), null, false, null, "sales-managers")),
        arguments("PrintedKit (two working days)", SlaStep.PRINTED_KIT, "ENTERPRISE", false,
            policy(days(2), WORKING_DAYS, null, null, null, null, false, null, "sales-managers")),
        arguments("NurturePeriod", SlaStep.NURTURE_PERIOD, "SMB", false,
            policy(days(180), CALENDAR, null, null, null, null, true, null, "marketing-ops")),
        arguments("LostCooling", SlaStep.LOST_COOLING, "SMB", false,
            policy(days(90), CALENDAR, null, null, null, null, true, null, "marketing-ops")));
  }

  @Test
  void shouldCapEveryWorkingTimeDeadlineInWorkingTimeToo() {
    for (SlaStep step : SlaStep.values()) {
      for (boolean handRaiser : new boolean[] {true, false}) {
        SlaPolicy policy = policies.policy(step, "SMB", handRaiser);
        if (policy.counting() != CALENDAR && policy.maximum() != null) {
          assertThat(policy.maximumCounting()).as("cap of %s", step).isNotEqualTo(CALENDAR);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldGiveTheStepsDeadlineReminderAndEscalation(String rule, SlaStep step, String segment, boolean handRaiser,
      SlaPolicy expected) {
    assertThat(policies.policy(step, segment, handRaiser)).isEqualTo(expected);
  }

  private static SlaPolicy policy(Duration deadline, Counting counting, Duration maximum, Counting maximumCounting,
      Duration reminderBefore, Duration reminderEvery, boolean outOfHours, Integer minimumAttempts, String escalateTo) {
    return new SlaPolicy(deadline, false, counting, maximum, maximumCounting, CountFrom.STEP, reminderBefore,
        reminderEvery, outOfHours, minimumAttempts, escalateTo);
  }

  private static Duration minutes(int minutes) {
    return Duration.ofMinutes(minutes);
  }

  private static Duration hours(int hours) {
    return Duration.ofHours(hours);
  }

  private static Duration days(int days) {
    return Duration.ofDays(days);
  }
}
