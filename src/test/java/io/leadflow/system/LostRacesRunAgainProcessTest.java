package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LifecycleDriver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the engine does with a step that failed: a lost race runs again at once, anything else counts down. */
@ProcessTest
class LostRacesRunAgainProcessTest {

  @Autowired LifecycleDriver driver;
  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldRunAStepThatLostARaceAgainWithItsRetriesAndNoErrorButCountDownAnyOtherFailure() {
    ProcessInstance instance = driver.instance(driver.handRaiser("ada@lost-race.example", "DE"));
    Job step = management.createJobQuery().processInstanceId(instance.getId()).singleResult();

    fail(step, new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE ExecutionEntity[1]' failed."));
    Job afterRace = management.createJobQuery().jobId(step.getId()).singleResult();

    assertThat(afterRace.getRetries()).isEqualTo(step.getRetries());
    assertThat(afterRace.getExceptionMessage()).isNull();
    assertThat(afterRace.getDuedate()).isBeforeOrEqualTo(new java.util.Date(
        ClockUtil.getCurrentTime().getTime() + 2_000));

    fail(step, new IllegalStateException("The mail server refused the mail"));
    Job afterFailure = management.createJobQuery().jobId(step.getId()).singleResult();

    assertThat(afterFailure.getExceptionMessage()).isEqualTo("The mail server refused the mail");
    assertThat(afterFailure.getRetries()).isLessThan(step.getRetries());
  }

  /** As the job executor reports a step that threw. */
  private void fail(Job step, RuntimeException failure) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    configuration.getCommandExecutorTxRequired().execute(
        configuration.getFailedJobCommandFactory().getCommand(step.getId(), failure));
  }
}
