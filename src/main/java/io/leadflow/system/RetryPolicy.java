package io.leadflow.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How often a step that calls another system is retried before it stops with an incident in Cockpit. The models use
 * it as {@code camunda:failedJobRetryTimeCycle="${retryPolicy.cycle}"}.
 */
@Component("retryPolicy")
public class RetryPolicy {

  private final String cycle;

  RetryPolicy(@Value("${leadflow.retries.cycle:R5/PT1M}") String cycle) {
    this.cycle = cycle;
  }

  /** An ISO 8601 repeating interval, e.g. R5/PT1M: five attempts in all, one minute apart. */
  public String getCycle() {
    return cycle;
  }
}
