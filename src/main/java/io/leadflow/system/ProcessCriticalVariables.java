package io.leadflow.system;

import java.util.Set;

/**
 * Process variables that steer a process (its lead, team, rep, stage, deadlines, decision results). No task's user
 * writes them, whatever the task's form says, except by choosing one of the options the task itself offers.
 */
public interface ProcessCriticalVariables {

  Set<String> names();
}
