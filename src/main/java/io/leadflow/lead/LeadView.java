package io.leadflow.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The lead detail package: everything a rep needs to act without research. The API returns it for a lead, and every
 * lead task's form shows it when it opens (form variable "lead").
 */
public record LeadView(
    UUID id, String name, String firstName, String lastName, String email, String phone, String jobTitle,
    String company, String companyDomain, String country, String industry, Integer companySize, String segment,
    Source source, Qualification qualification, Score score, Owner owner, Consent consent,
    Stage stage, int cycle, Instant createdAt, Instant updatedAt,
    List<Entry> sent, List<Entry> contactAttempts, List<Entry> activities, List<Entry> notes,
    List<Opportunity> opportunities, List<StageHistoryEntry> stageHistory, List<PreviousCycle> previousCycles,
    CrmSummary crm, List<Proposal> proposedChanges) {

  /** Where the lead came from and what they asked for. */
  public record Source(String channel, String campaign, String asset, String interest) {
  }

  /** What the lead said about their role and buying situation. */
  public record Qualification(String jobLevel, String persona, String budget, String authority, String need,
      String timeframe) {
  }

  /** The current score and why. */
  public record Score(Integer total, Integer fit, Integer behaviour, String grade, Instant scoredAt,
      List<Reason> reasons) {
  }

  /** One matched scoring rule. */
  public record Reason(String category, int points, String reason) {
  }

  /** Who owns the lead now. */
  public record Owner(String team, String rep) {
  }

  /** Marketing email consent. */
  public record Consent(boolean marketing, String source, Instant givenAt, Instant unsubscribedAt) {
  }

  /** One line of the lead's record: when, what, how it ended, by whom. */
  public record Entry(Instant at, String when, String type, String subject, String outcome, String note, String by) {
  }

  /** A deal from this lead. */
  public record Opportunity(UUID id, String name, BigDecimal amount, String currency, LocalDate expectedCloseDate,
      String state, String lostReason, String lostTo, Instant closedAt) {
  }

  /** One stage change. */
  public record StageHistoryEntry(Stage from, Stage to, Instant at, String by, String reason) {
  }

  /**
   * A value the landing page or a machine client sent for a field, differing from the lead's, offered to marketing
   * ops and the rep to apply or leave (the latest one per field).
   *
   * @param field the field by its name in the capture API, e.g. {@code phone}
   * @param by the source: the landing page's channel or {@code api-key:<name>}
   */
  public record Proposal(UUID id, UUID inquiryId, String field, String current, String proposed, Instant at,
      String when, String by) {
  }

  /** How an earlier buying cycle of this lead ended, e.g. lost to a competitor in March. */
  public record PreviousCycle(Stage ended, Instant at, String when, String reason) {
  }
}
