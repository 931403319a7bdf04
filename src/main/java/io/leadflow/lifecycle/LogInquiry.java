package io.leadflow.lifecycle;

/** Names of the process marketing ops start by hand when a lead calls in (bpmn/LogInquiry.bpmn). */
public final class LogInquiry {

  public static final String PROCESS_KEY = "LogInquiry";

  private LogInquiry() {
  }
}
