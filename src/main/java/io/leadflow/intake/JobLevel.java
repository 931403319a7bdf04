package io.leadflow.intake;

/** How much say the contact's role has in a purchase. The names are used in the scoring table (dmn/LeadScoring.dmn). */
public enum JobLevel {
  DECISION_MAKER,
  INFLUENCER,
  USER
}
