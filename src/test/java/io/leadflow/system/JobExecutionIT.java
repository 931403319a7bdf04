package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.LeadflowIntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The job executor runs the measured number of threads, does not grow beyond it under a backlog, and its threads run
 * below the request threads.
 */
@LeadflowIntegrationTest
class JobExecutionIT {

  @Autowired
  ProcessEngine engine;

  @Test
  void runsAFixedPoolOfFourThreads() {
    SpringJobExecutor jobExecutor = (SpringJobExecutor) ((ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration()).getJobExecutor();
    ThreadPoolTaskExecutor threads = (ThreadPoolTaskExecutor) jobExecutor.getTaskExecutor();

    assertThat(jobExecutor.isActive()).as("job executor running").isTrue();
    assertThat(threads.getCorePoolSize()).as("core pool size").isEqualTo(4);
    assertThat(threads.getMaxPoolSize()).as("max pool size").isEqualTo(4);
    assertThat(threads.getThreadPriority()).as("job threads' priority").isEqualTo(Thread.MIN_PRIORITY);
    assertThat(threads.getThreadPoolExecutor().getThreadFactory().newThread(() -> { }).getPriority())
        .as("priority of a thread the pool creates").isEqualTo(Thread.MIN_PRIORITY);
  }
}
