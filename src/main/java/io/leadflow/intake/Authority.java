package io.leadflow.intake;

/** BANT authority: can the contact decide or sign? The names are used in the scoring table (dmn/LeadScoring.dmn). */
public enum Authority {
  DECISION_MAKER,
  INFLUENCER,
  NONE
}
