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
 */
public record LeadScore(int fit, int behaviour, String grade, String segment, boolean handRaiser,
    String disqualifier, List<Reason> reasons) {

  public int total() {
    return fit + behaviour;
  }

  /** One matched rule of the scoring table. */
  public record Reason(String category, int points, String reason) {
  }
}
