package io.leadflow.intake;

/** The buyer persona the contact fits. The names are used in the decision tables (dmn/). */
public enum Persona {
  IT_LEADER,
  OPERATIONS_LEADER,
  FINANCE_LEADER,
  DEVELOPER,
  MARKETER,
  OTHER
}
