package io.leadflow.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.leadflow.ProcessTest;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every rule of dmn/FulfilmentPolicy.dmn, with its edges, through the engine's decision service. */
@ProcessTest
class FulfilmentPolicyDecisionTest {

  @Autowired DecisionService decisions;

  static Stream<Arguments> rules() {
    return Stream.of(
        arguments("HandRaiserGoesToSales", true, "A", "ENTERPRISE", false, "Hand-raiser: sales takes over"),
        arguments("TopGradeKit (enterprise)", false, "A", "ENTERPRISE", true, "Top-grade fit (A) in ENTERPRISE"),
        arguments("TopGradeKit (mid-market)", false, "A", "MID_MARKET", true, "Top-grade fit (A) in MID_MARKET"),
        arguments("NoKit: grade A in SMB", false, "A", "SMB", false, null),
        arguments("NoKit: grade B", false, "B", "ENTERPRISE", false, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldSendAPrintedKitOnlyToTopGradeLeadsWhoDidNotRaiseTheirHand(String rule, boolean handRaiser,
      String fitGrade, String segment, boolean kit, String reason) {
    Map<String, Object> result = decisions.evaluateDecisionTableByKey("FulfilmentPolicy")
        .variables(Variables.createVariables().putValue("handRaiser", handRaiser).putValue("fitGrade", fitGrade)
            .putValue("segment", segment))
        .evaluate().getSingleResult().getEntryMap();

    assertThat(result.get("sendPrintedKit")).isEqualTo(kit);
    assertThat(result.get("printedKitReason")).isEqualTo(reason);
  }
}
