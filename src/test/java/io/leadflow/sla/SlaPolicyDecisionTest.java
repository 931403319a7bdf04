package io.leadflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.leadflow.ProcessTest;
import java.time.Duration;
import java.util.stream.Stream;
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
        arguments("MqlReview", SlaStep.MQL_REVIEW, "SMB", false,
            new SlaPolicy(hours(24), false, false, null, hours(4), null, "sales-managers")),
        arguments("Acceptance", SlaStep.ACCEPTANCE, "ENTERPRISE", true,
            new SlaPolicy(hours(8), false, true, days(2), hours(2), null, "sales-managers")),
        arguments("FirstContactHandRaiser (speed to lead)", SlaStep.FIRST_CONTACT, "SMB", true,
            new SlaPolicy(hours(1), false, true, null, Duration.ofMinutes(20), null, "sales-managers")),
        arguments("FirstContact (same working day)", SlaStep.FIRST_CONTACT, "ENTERPRISE", false,
            new SlaPolicy(null, true, true, null, hours(2), null, "sales-managers")),
        arguments("FollowUpCadence", SlaStep.FOLLOW_UP, "SMB", false,
            new SlaPolicy(days(10), false, false, null, null, days(1), "sales-managers")),
        arguments("EnterpriseOpportunity", SlaStep.OPPORTUNITY_STAGE, "ENTERPRISE", false,
            new SlaPolicy(days(60), false, false, null, days(7), null, "sales-managers")),
        arguments("Opportunity", SlaStep.OPPORTUNITY_STAGE, "MID_MARKET", false,
            new SlaPolicy(days(30), false, false, null, days(7), null, "sales-managers")),
        arguments("Opportunity (segment missing)", SlaStep.OPPORTUNITY_STAGE, null, false,
            new SlaPolicy(days(30), false, false, null, days(7), null, "sales-managers")),
        arguments("DataFix", SlaStep.DATA_FIX, "SMB", false,
            new SlaPolicy(hours(8), false, true, days(2), hours(2), null, "sales-managers")),
        arguments("NurturePeriod", SlaStep.NURTURE_PERIOD, "SMB", false,
            new SlaPolicy(days(180), false, false, null, null, null, "marketing-ops")),
        arguments("LostCooling", SlaStep.LOST_COOLING, "SMB", false,
            new SlaPolicy(days(90), false, false, null, null, null, "marketing-ops")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldGiveTheStepsDeadlineReminderAndEscalation(String rule, SlaStep step, String segment, boolean handRaiser,
      SlaPolicy expected) {
    assertThat(policies.policy(step, segment, handRaiser)).isEqualTo(expected);
  }

  private static Duration hours(int hours) {
    return Duration.ofHours(hours);
  }

  private static Duration days(int days) {
    return Duration.ofDays(days);
  }
}
