package io.leadflow.intake;

/** BANT timing: when will they decide? The names are used in the scoring table (dmn/LeadScoring.dmn). */
public enum Timeframe {
  WITHIN_3_MONTHS,
  WITHIN_6_MONTHS,
  WITHIN_12_MONTHS,
  LATER
}
