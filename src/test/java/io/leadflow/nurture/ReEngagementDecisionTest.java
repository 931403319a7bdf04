package io.leadflow.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.leadflow.ProcessTest;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every rule of dmn/ReEngagement.dmn, the series a dormant lead gets over the years, and where it ends. */
@ProcessTest
class ReEngagementDecisionTest {

  @Autowired
  DecisionService decisions;

  static Stream<Arguments> steps() {
    return Stream.of(
        arguments("CheckIn", 0, 1, "P30D", "product-overview", "what has changed in lead management"),
        arguments("SpeedToLead", 1, 2, "P90D", "webinar-recording", "speed to lead"),
        arguments("Returns", 2, 3, "P90D", "roi-guide", "what lead management returns"),
        arguments("Checklist", 3, 4, "P90D", "buyers-checklist", "choosing lead management software"),
        arguments("TwiceAYear (first)", 4, 5, "P180D", "product-overview", "a year in lead management"),
        arguments("TwiceAYear (last)", 11, 12, "P180D", "product-overview", "a year in lead management"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void shouldChooseTheNextStepOfTheSeries(String rule, int lastStep, int nextStep, String wait, String asset,
      String topic) {
    DmnDecisionRuleResult step = evaluate(lastStep);

    assertThat(step.getEntryMap()).containsEntry("nextDripStep", nextStep).containsEntry("dripWait", wait)
        .containsEntry("dripTemplate", "nurture/re-engagement").containsEntry("dripAsset", asset)
        .containsEntry("dripTopic", topic);
  }

  @Test
  void shouldEndTheSeriesAfterItsTwelfthStepAboutFiveYearsOn() {
    assertThat(evaluate(12)).isNull();
  }

  private DmnDecisionRuleResult evaluate(int lastStep) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("dripStep", lastStep);
    facts.put("segment", "SMB");
    return decisions.evaluateDecisionTableByKey(LeadNurture.RE_ENGAGEMENT_DECISION).variables(facts).evaluate()
        .getSingleResult();
  }
}
