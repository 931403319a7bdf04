package io.leadflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.leadflow.ProcessTest;
import io.leadflow.nurture.Unsubscribes;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every rule of the tables the lifecycle asks what an opt-out ends (dmn/OptOutPolicy.dmn) and how long a lead sales sent
 * back rests in nurture (dmn/RecyclingHoldOff.dmn), through the engine's decision service.
 */
@ProcessTest
class LifecyclePolicyDecisionTest {

  @Autowired
  DecisionService decisions;

  static Stream<Arguments> optOuts() {
    return Stream.of(
        arguments("Accepted", "SAL", true, "Accepted by sales: the follow-up goes on, no marketing mail"),
        arguments("Opportunity", "SQL", true, "Open opportunity: the rep keeps working it, no marketing mail"),
        arguments("Opportunity (on hold)", "ON_HOLD", true,
            "Open opportunity: the rep keeps working it, no marketing mail"),
        arguments("Marketing (inquiry)", "INQUIRY", false,
            "Opted out of marketing email: the lifecycle ends as unsubscribed"),
        arguments("Marketing (MQL in acceptance)", "MQL", false,
            "Opted out of marketing email: the lifecycle ends as unsubscribed"),
        arguments("Marketing (nurture)", "NURTURE", false,
            "Opted out of marketing email: the lifecycle ends as unsubscribed"),
        arguments("Marketing (lost, cooling down)", "LOST", false,
            "Opted out of marketing email: the lifecycle ends as unsubscribed"),
        arguments("Marketing (dormant)", "DORMANT", false,
            "Opted out of marketing email: the lifecycle ends as unsubscribed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optOuts")
  void shouldSayWhatAnOptOutEnds(String rule, String stage, boolean keepsSalesWork, String reason) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("stage", stage);

    assertThat(single(Unsubscribes.OPT_OUT_DECISION, facts)).containsEntry("keepsSalesWork", keepsSalesWork)
        .containsEntry("optOutReason", reason);
  }

  static Stream<Arguments> holdOffs() {
    return Stream.of(
        arguments("RejectedEnterprise", "REJECTED", "ENTERPRISE", "P30D"),
        arguments("Rejected", "REJECTED", "SMB", "P60D"),
        arguments("Rejected (segment unknown)", "REJECTED", null, "P60D"),
        arguments("FollowedUp", "FOLLOWED_UP", "ENTERPRISE", "P90D"),
        arguments("NoResponse", "NO_RESPONSE", "MID_MARKET", "P30D"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("holdOffs")
  void shouldHoldOffALeadSalesSentBack(String rule, String recycledBecause, String segment, String holdOff) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("recycledBecause", recycledBecause);
    facts.put("segment", segment);

    assertThat(single(RecyclingListener.DECISION, facts)).containsEntry("holdOff", holdOff);
  }

  private Map<String, Object> single(String decision, Map<String, Object> facts) {
    return decisions.evaluateDecisionTableByKey(decision).variables(facts).evaluate().getSingleResult()
        .getEntryMap();
  }
}
