package io.leadflow.lead;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A lead as the API shows it: its data, current stage and stage history. */
public record LeadView(
    UUID id, String email, String firstName, String lastName, String company, String jobTitle, String phone,
    String country, String sourceChannel, String campaign, Stage stage, Instant createdAt, Instant updatedAt,
    List<StageHistoryEntry> stageHistory) {

  public record StageHistoryEntry(Stage from, Stage to, Instant at, String by, String reason) {
  }

  static LeadView of(Lead lead, List<StageChange> history) {
    return new LeadView(lead.getId(), lead.getEmail(), lead.getFirstName(), lead.getLastName(), lead.getCompany(),
        lead.getJobTitle(), lead.getPhone(), lead.getCountry(), lead.getSourceChannel(), lead.getCampaign(),
        lead.getStage(), lead.getCreatedAt(), lead.getUpdatedAt(),
        history.stream().map(change -> new StageHistoryEntry(change.getFromStage(), change.getToStage(),
            change.getChangedAt(), change.getChangedBy(), change.getReason())).toList());
  }
}
