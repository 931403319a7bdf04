package io.leadflow.intake;

/** BANT budget: is money set aside for the purchase? The names are used in the scoring table (dmn/LeadScoring.dmn). */
public enum Budget {
  CONFIRMED,
  PLANNED,
  NONE
}
