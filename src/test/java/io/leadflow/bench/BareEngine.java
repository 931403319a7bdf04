package io.leadflow.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The baseline every ratio is measured against: a bare Camunda engine (no Spring, no Leadflow code) in the
 * benchmark's JVM, on the same PostgreSQL database as the application, with the same history level.
 */
final class BareEngine implements AutoCloseable {

  static final String ONE_USER_TASK = "Bench_OneUserTask";
  static final String BARE_TIMER = "Bench_BareTimer";

  private final ProcessEngine engine;

  BareEngine(String jdbcUrl, int threads) {
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("bench-baseline");
    configuration.setJdbcUrl(jdbcUrl);
    configuration.setJdbcUsername("postgres");
    configuration.setJdbcPassword("");
    configuration.setJdbcDriver("org.postgresql.Driver");
    // a spare connection or two, as the application's pool has: waiting for one distorts the figure
    configuration.setJdbcMaxActiveConnections(threads + 2);
    // as the application (Camunda's Spring Boot starter): no id blocks fetched in a second transaction
    configuration.setIdGenerator(new StrongUuidGenerator());
    // the application created the tables; the baseline must not touch them
    configuration.setDatabaseSchemaUpdate("false");
    // the history level the application wrote into the database, also when a variant run changes it
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUTO);
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    engine = configuration.buildProcessEngine();
    deploy(Bpmn.createExecutableProcess(ONE_USER_TASK).name("Benchmark: one user task")
        .startEvent().userTask("Task_Work").name("Work").endEvent().done());
    // a timer that only ends the process: what the engine's job executor does at best per timer
    deploy(Bpmn.createExecutableProcess(BARE_TIMER).name("Benchmark: bare timer")
        .startEvent().intermediateCatchEvent("Event_Due").timerWithDuration("PT1H").endEvent().done());
  }

  private void deploy(BpmnModelInstance model) {
    String key = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next()
        .getId();
    engine.getRepositoryService().createDeployment().name(key).enableDuplicateFiltering(true)
        .addModelInstance(key + ".bpmn", model).deploy();
  }

  /** Starts one-user-task instances from the given number of threads for the given time; returns starts/s. */
  double startsPerSecond(int threads, Duration duration) throws InterruptedException {
    AtomicInteger started = new AtomicInteger();
    long end = System.nanoTime() + duration.toNanos();
    CountDownLatch done = new CountDownLatch(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long begin = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        try {
          while (System.nanoTime() < end) {
            engine.getRuntimeService().startProcessInstanceByKey(ONE_USER_TASK);
            started.incrementAndGet();
          }
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    double seconds = (System.nanoTime() - begin) / 1e9;
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    return started.get() / seconds;
  }

  /** Starts the given number of bare-timer instances, waiting on a timer an hour away, from several threads. */
  void startBareTimers(int count, int threads) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        while (next.getAndIncrement() < count) {
          engine.getRuntimeService().startProcessInstanceByKey(BARE_TIMER);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.MINUTES);
  }

  @Override
  public void close() {
    engine.close();
  }
}
