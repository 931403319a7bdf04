package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.ProcessTest;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The application's decision tables run on the FEEL engine that parses each cell once; the rule tests of every table
 * (e.g. ScoringDecisionsTest) run on it too, so they show that the tables mean what they meant.
 */
@ProcessTest
class ParsedOnceFeelTest {

  @Autowired
  ProcessEngine engine;

  @Autowired
  DecisionService decisions;

  private ParsedOnceFeel.DecisionFeel feel() {
    Object feel = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDmnEngineConfiguration().getFeelEngine();
    assertThat(feel).as("the DMN engine's FEEL engine").isInstanceOf(ParsedOnceFeel.DecisionFeel.class);
    return (ParsedOnceFeel.DecisionFeel) feel;
  }

  private String fitGrade(int fitScore) {
    return decisions.evaluateDecisionTableByKey("FitGrade", Map.of("fitScore", fitScore)).getSingleEntry();
  }

  @Test
  void aTableEvaluatedAgainParsesNothingNewAndStillAnswersByItsInput() {
    ParsedOnceFeel.DecisionFeel feel = feel();
    assertThat(fitGrade(55)).isEqualTo("A");
    assertThat(fitGrade(20)).isEqualTo("C");
    int cached = feel.engine().cachedExpressions();
    assertThat(cached).as("cells parsed so far").isPositive();

    assertThat(fitGrade(20)).isEqualTo("C");
    assertThat(fitGrade(40)).isEqualTo("B");
    assertThat(fitGrade(3)).isEqualTo("D");
    assertThat(fitGrade(55)).isEqualTo("A");

    assertThat(feel.engine().cachedExpressions()).as("cells parsed after evaluating the table again")
        .isEqualTo(cached);
  }

  @Test
  void aCellThatDoesNotParseFailsEveryTimeNamingTheExpression() {
    ParsedOnceFeel.DecisionFeel feel = feel();
    for (int attempt = 1; attempt <= 2; attempt++) {
      assertThatThrownBy(() -> feel.evaluateSimpleUnaryTests("[1..", "fitScore",
          Variables.createVariables().putValue("fitScore", 5).asVariableContext()))
          .as("attempt %d", attempt)
          .isInstanceOf(FeelException.class)
          .hasMessageContaining("failed to parse expression '[1..'");
    }
  }

  @Test
  void anExpressionIsEvaluatedAgainstTheVariablesOfEachCall() {
    ParsedOnceFeel.DecisionFeel feel = feel();
    for (String company : new String[] {"Acme GmbH", "Initech"}) {
      Object lower = feel.evaluateSimpleExpression("lower case(company)",
          Variables.createVariables().putValue("company", company).asVariableContext());
      assertThat(lower).isEqualTo(company.toLowerCase(java.util.Locale.ROOT));
    }
  }
}
