package io.leadflow.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs the job executor's threads below the request threads. A lead is safe once its POST is answered; the steps
 * after it (mails, enrichment, scoring, routing) wait as jobs in the database. When a burst of leads fills the cores,
 * the people and programs posting them are answered first and the jobs take the CPU that is left. The JVM passes a
 * Java thread priority to Linux only with {@code -XX:ThreadPriorityPolicy=1} (priority 1 becomes nice 4); without it
 * this setting changes nothing (src/docs/performance.md).
 */
@Component
class JobThreadPriority implements BeanPostProcessor {

  /** The executor the Camunda starter creates for the job executor's threads. */
  static final String JOB_EXECUTOR_THREADS = "camundaTaskExecutor";

  private final int priority;

  /** @param priority a Java thread priority, 1 (lowest) to 10 */
  JobThreadPriority(@Value("${leadflow.jobs.thread-priority}") int priority) {
    if (priority < Thread.MIN_PRIORITY || priority > Thread.MAX_PRIORITY) {
      throw new IllegalArgumentException("leadflow.jobs.thread-priority (LEADFLOW_JOB_PRIORITY) must be from "
          + Thread.MIN_PRIORITY + " to " + Thread.MAX_PRIORITY + ", not " + priority);
    }
    this.priority = priority;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    // before initialization: the pool creates its threads then
    if (JOB_EXECUTOR_THREADS.equals(beanName) && bean instanceof ThreadPoolTaskExecutor executor) {
      executor.setThreadPriority(priority);
    }
    return bean;
  }
}
