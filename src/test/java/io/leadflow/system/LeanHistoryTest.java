package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LifecycleDriver;
import io.leadflow.scoring.LeadScoring;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The history a lead leaves behind: every decision evaluation listed as Cockpit lists it, the scoring table's without
 * its input values, the other tables' with theirs; each variable's latest value, no row per change of a variable.
 */
@ProcessTest
class LeanHistoryTest {

  private static final String QUALIFICATION_DECISION = "MqlQualification";

  @Autowired LifecycleDriver driver;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void cleanUp() {
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldKeepTheScoringDecisionWithItsOutcomeButWithoutItsInputs() {
    ProcessInstance instance = driver.instance(driver.handRaiser("scored@lean-history.example", "DE"));

    driver.runDueJobs();

    HistoricDecisionInstance scoring = history.createHistoricDecisionInstanceQuery()
        .processInstanceId(instance.getId()).decisionDefinitionKey(LeadScoring.SCORING_DECISION)
        .includeInputs().includeOutputs().singleResult();
    assertThat(scoring).as("the scoring decision in Cockpit's list").isNotNull();
    assertThat(scoring.getInputs()).isEmpty();
    assertThat(scoring.getOutputs()).extracting(output -> output.getVariableName()).contains("scoreReason");
    HistoricDecisionInstance qualification = history.createHistoricDecisionInstanceQuery()
        .processInstanceId(instance.getId()).decisionDefinitionKey(QUALIFICATION_DECISION).includeInputs()
        .singleResult();
    assertThat(qualification.getInputs()).isNotEmpty();
  }

  @Test
  void shouldKeepEachVariablesLatestValueWithoutARowPerChange() {
    ProcessInstance instance = driver.instance(driver.handRaiser("changed@lean-history.example", "DE"));

    driver.runDueJobs();

    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).count())
        .isPositive();
    assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).variableUpdates().list())
        .isEqualTo(List.of());
  }
}
