package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One entry of a lead's activity log. Never updated. */
@Entity
@Table(name = "lead_activity")
public class LeadActivity {

  @Id
  private UUID id;

  @Column(nullable = false)
  private UUID leadId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ActivityType type;

  @Column(nullable = false)
  private Instant occurredAt;

  private String channel;
  private String campaign;
  private String asset;
  private String subject;
  private String outcome;
  private String note;

  @Column(nullable = false)
  private String recordedBy;

  private int cycle;

  protected LeadActivity() {
  }

  /** The id is given, so that the same activity recorded twice (a retried step) is one row and one CRM record. */
  public LeadActivity(UUID id, Lead lead, ActivityType type, Instant occurredAt, String recordedBy) {
    this.id = id;
    this.leadId = lead.getId();
    this.cycle = lead.getCycle();
    this.type = type;
    this.occurredAt = occurredAt;
    this.recordedBy = recordedBy;
  }

  public LeadActivity from(String channel, String campaign, String asset) {
    this.channel = channel;
    this.campaign = campaign;
    this.asset = asset;
    return this;
  }

  public LeadActivity about(String subject, String outcome, String note) {
    this.subject = subject;
    this.outcome = outcome;
    this.note = note;
    return this;
  }

  /** Right to erasure: free text may hold personal data. */
  void erase() {
    this.note = null;
  }

  public UUID getId() {
    return id;
  }

  public UUID getLeadId() {
    return leadId;
  }

  public ActivityType getType() {
    return type;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public String getChannel() {
    return channel;
  }

  public String getCampaign() {
    return campaign;
  }

  public String getAsset() {
    return asset;
  }

  public String getSubject() {
    return subject;
  }

  public String getOutcome() {
    return outcome;
  }

  public String getNote() {
    return note;
  }

  public String getRecordedBy() {
    return recordedBy;
  }

  public int getCycle() {
    return cycle;
  }
}
