package io.leadflow.scoring;

import java.util.List;

/**
 * A lead's score with its explanation.
 *
 * @param fit points for who the lead is (profile and BANT answers, minus disqualifying signals)
 * @param behaviour points for what the lead did, older activity counting less
 * @param grade the fit grade, A (best) to D
 * @param segment ENTERPRISE, MID_MARKET, SMB or UNKNOWN
 * @param handRaiser the lead asked for a demo or contact recently
 * @param disqualifier why the lead cannot become a customer (competitor, student, ...), or null
 * @param reasons every matched scoring rule
 * @param holdOffUntil the day a lead sales sent back to nurture may return as an MQL (UTC), while that hold-off
 *     lasts and the lead has not asked for a demo or contact since; else null
 */
public record LeadScore(int fit, int behaviour, String grade, String segment, boolean handRaiser,
    String disqualifier, List<Reason> reasons, String holdOffUntil) {

  public int total() {
    return fit + behaviour;
  }

  /** One matched rule of the scoring table. */
  public record Reason(String category, int points, String reason) {
  }
}
