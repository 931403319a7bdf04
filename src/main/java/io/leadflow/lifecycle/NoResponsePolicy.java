package io.leadflow.lifecycle;

import org.camunda.bpm.engine.delegate.VariableScope;

/** How many contact attempts a rep must have logged before ending a follow-up as "no response" (the SLA policy's). */
public interface NoResponsePolicy {

  /** @return the attempts the lead's follow-up needs before "no response"; 0 for none */
  int minimumAttempts(VariableScope execution);
}
