package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.ProcessTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@ProcessTest
class SideEffectsTest {

  @Autowired SideEffects sideEffects;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  private final String key = "test/" + UUID.randomUUID();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void shouldRunTheEffectOnceWhenCalledTwiceWithTheSameKey() {
    sideEffects.atMostOnce(key, runs::incrementAndGet);
    sideEffects.atMostOnce(key, runs::incrementAndGet);

    assertThat(runs).hasValue(1);
    assertThat(row()).containsEntry("status", "DONE").containsEntry("attempts", 1);
  }

  @Test
  void shouldRunTheEffectAgainAfterAFailedAttempt() {
    assertThatThrownBy(() -> sideEffects.atMostOnce(key, () -> {
      runs.incrementAndGet();
      throw new IllegalStateException("SMTP server went away");
    })).isInstanceOf(IllegalStateException.class).hasMessage("SMTP server went away");
    assertThat(row()).containsEntry("status", "FAILED")
        .containsEntry("last_error", "IllegalStateException: SMTP server went away");

    sideEffects.atMostOnce(key, runs::incrementAndGet);

    assertThat(runs).hasValue(2);
    assertThat(row()).containsEntry("status", "DONE").containsEntry("attempts", 2).containsEntry("last_error", null);
  }

  @Test
  void shouldNotRepeatTheEffectWhenTheCallersTransactionRolledBackAfterIt() {
    String callersWrite = "caller/" + UUID.randomUUID();
    TransactionTemplate caller = new TransactionTemplate(transactionManager);

    // given a job whose transaction fails after the effect
    assertThatThrownBy(() -> caller.executeWithoutResult(transaction -> {
      jdbc.update("insert into leadflow.side_effect (key, status, started_at, attempts) values (?, 'DONE', now(), 1)",
          callersWrite);
      sideEffects.atMostOnce(key, runs::incrementAndGet);
      throw new IllegalStateException("the job fails after the mail went out");
    })).hasMessage("the job fails after the mail went out");
    // the caller's own write is gone, the guard's record is not
    assertThat(jdbc.queryForObject("select count(*) from leadflow.side_effect where key = ?", Long.class, callersWrite))
        .isZero();
    assertThat(row()).containsEntry("status", "DONE");

    // when the job runs again
    caller.executeWithoutResult(transaction -> sideEffects.atMostOnce(key, runs::incrementAndGet));

    // then the effect did not run again
    assertThat(runs).hasValue(1);
  }

  @Test
  void shouldNotRepeatAnAtMostOnceEffectThatStartedAndNeverFinished() {
    startedByACrashedAttempt();

    sideEffects.atMostOnce(key, runs::incrementAndGet);

    assertThat(runs).hasValue(0);
    assertThat(row()).containsEntry("status", "STARTED").containsEntry("attempts", 1);
  }

  @Test
  void shouldRepeatAnUntilDoneEffectThatStartedAndNeverFinished() {
    startedByACrashedAttempt();

    String result = sideEffects.untilDone(key, () -> "LF-" + runs.incrementAndGet());

    assertThat(result).isEqualTo("LF-1");
    assertThat(row()).containsEntry("status", "DONE").containsEntry("attempts", 2).containsEntry("result", "LF-1");
  }

  @Test
  void shouldRepeatAnUntilDoneEffectWhoseStepRolledBackTogetherWithWhatItWrote() {
    TransactionTemplate step = new TransactionTemplate(transactionManager);
    String effectsWrite = "effect/" + UUID.randomUUID();

    // given a step whose transaction fails after a transactional upsert (as the built-in CRM's)
    assertThatThrownBy(() -> step.executeWithoutResult(transaction -> {
      sideEffects.untilDone(key, () -> {
        jdbc.update("insert into leadflow.side_effect (key, status, started_at, attempts) values (?, 'DONE', now(), 1)",
            effectsWrite);
        return "LF-" + runs.incrementAndGet();
      });
      throw new IllegalStateException("the step fails after the upsert");
    })).hasMessage("the step fails after the upsert");
    assertThat(jdbc.queryForObject("select count(*) from leadflow.side_effect where key in (?, ?)", Long.class, key,
        effectsWrite)).isZero();

    // when the step runs again, the upsert runs again and its result is kept
    String result = step.execute(transaction -> sideEffects.untilDone(key, () -> "LF-" + runs.incrementAndGet()));

    assertThat(result).isEqualTo("LF-2");
    assertThat(row()).containsEntry("status", "DONE").containsEntry("result", "LF-2");
  }

  @Test
  void shouldReturnTheStoredResultAndNotRepeatAnUntilDoneEffectThatIsDone() {
    String first = sideEffects.untilDone(key, () -> "LF-" + runs.incrementAndGet());

    String second = sideEffects.untilDone(key, () -> "LF-" + runs.incrementAndGet());

    assertThat(runs).hasValue(1);
    assertThat(second).isEqualTo(first).isEqualTo("LF-1");
  }

  @Test
  void shouldKeepTheKeyAcrossRetriesOfAJobAndChangeItForTheNextOccurrenceOfTheActivity() {
    // given a process that passes an asynchronous step twice; the first attempt of the first pass fails
    BpmnModelInstance model = Bpmn.createExecutableProcess("SideEffectKeyTest")
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Task_CallOut").camundaAsyncBefore().camundaClass(RecordKey.class)
        .exclusiveGateway("Gateway_Again")
        .condition("again", "${passes < 2}").connectTo("Task_CallOut")
        .moveToNode("Gateway_Again").condition("done", "${passes >= 2}").endEvent()
        .done();
    String deployment = repository.createDeployment().addModelInstance("SideEffectKeyTest.bpmn", model).deploy()
        .getId();
    RecordKey.KEYS.clear();
    RecordKey.FAIL_NEXT.set(true);
    try {
      String instance = runtime.startProcessInstanceByKey("SideEffectKeyTest", Map.of("passes", 0)).getId();

      // when the job fails, is retried, and the step comes round again in a new job
      Job first = jobOf(instance);
      assertThatThrownBy(() -> management.executeJob(first.getId())).hasMessageContaining("first attempt fails");
      management.executeJob(first.getId());
      Job second = jobOf(instance);
      management.executeJob(second.getId());

      // then the retry had the same key, the next occurrence another one
      assertThat(RecordKey.KEYS).containsExactly(
          String.join("/", instance, "Task_CallOut", "job-" + first.getId(), "mail"),
          String.join("/", instance, "Task_CallOut", "job-" + first.getId(), "mail"),
          String.join("/", instance, "Task_CallOut", "job-" + second.getId(), "mail"));
      assertThat(second.getId()).isNotEqualTo(first.getId());
    } finally {
      repository.deleteDeployment(deployment, true);
    }
  }

  /** A step of the test process: records its side-effect key, and fails once when told to. */
  public static class RecordKey implements JavaDelegate {

    static final List<String> KEYS = new CopyOnWriteArrayList<>();
    static final AtomicBoolean FAIL_NEXT = new AtomicBoolean();

    @Override
    public void execute(DelegateExecution execution) {
      KEYS.add(SideEffects.key(execution, "mail"));
      if (FAIL_NEXT.getAndSet(false)) {
        throw new IllegalStateException("first attempt fails");
      }
      execution.setVariable("passes", (Integer) execution.getVariable("passes") + 1);
    }
  }

  private Job jobOf(String instance) {
    return management.createJobQuery().processInstanceId(instance).singleResult();
  }

  private void startedByACrashedAttempt() {
    jdbc.update("insert into leadflow.side_effect (key, status, started_at, attempts) values (?, 'STARTED', now(), 1)", key);
  }

  private Map<String, Object> row() {
    return jdbc.queryForMap("select status, attempts, last_error, result from leadflow.side_effect where key = ?", key);
  }
}
