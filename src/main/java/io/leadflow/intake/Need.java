package io.leadflow.intake;

/** BANT need: how real is the project? The names are used in the scoring table (dmn/LeadScoring.dmn). */
public enum Need {
  OFFICIAL_PROJECT,
  EVALUATING,
  INFORMATION_GATHERING
}
