package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class JobThreadPriorityTest {

  @Test
  void shouldRunTheJobExecutorsThreadsAtTheGivenPriority() throws Exception {
    ThreadPoolTaskExecutor jobThreads = new ThreadPoolTaskExecutor();
    ThreadPoolTaskExecutor otherThreads = new ThreadPoolTaskExecutor();
    JobThreadPriority priority = new JobThreadPriority(2);

    priority.postProcessBeforeInitialization(jobThreads, "camundaTaskExecutor");
    priority.postProcessBeforeInitialization(otherThreads, "applicationTaskExecutor");
    jobThreads.initialize();
    otherThreads.initialize();
    try {
      assertThat(jobThreads.submit(() -> Thread.currentThread().getPriority()).get(10, TimeUnit.SECONDS))
          .isEqualTo(2);
      assertThat(otherThreads.submit(() -> Thread.currentThread().getPriority()).get(10, TimeUnit.SECONDS))
          .isEqualTo(Thread.NORM_PRIORITY);
    } finally {
      jobThreads.shutdown();
      otherThreads.shutdown();
    }
  }

  @Test
  void shouldRefuseAPriorityJavaDoesNotHave() {
    assertThatThrownBy(() -> new JobThreadPriority(0))
        .hasMessageContaining("leadflow.jobs.thread-priority (LEADFLOW_JOB_PRIORITY)").hasMessageContaining("not 0");
    assertThatThrownBy(() -> new JobThreadPriority(11)).hasMessageContaining("not 11");
  }
}
