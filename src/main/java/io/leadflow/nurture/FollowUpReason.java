package io.leadflow.nurture;

/** Why a lead gave a date to come back to them; the dated follow-up mail of nurturing names it. */
public enum FollowUpReason {
  BUDGET_CYCLE("your budget cycle"),
  FISCAL_YEAR_START("the start of your fiscal year"),
  CONTRACT_RENEWAL("your contract renewal"),
  TRADE_SHOW("the trade show"),
  OTHER("the date you gave us");

  private final String wording;

  FollowUpReason(String wording) {
    this.wording = wording;
  }

  /** How a mail to the lead refers to it, e.g. "your contract renewal". */
  public String wording() {
    return wording;
  }
}
