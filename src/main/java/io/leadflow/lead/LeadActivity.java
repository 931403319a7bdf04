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
public class LeadActivity extends AssignedIdEntity<UUID> {

  private static final int SUBJECT_LENGTH = 200;
  private static final int NOTE_LENGTH = 2000;

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

  /**
   * A note that a mail to the lead was refused for good and not sent. The server's answer, which may name the address,
   * goes to the note, which erasure clears.
   *
   * @param mail how the lead's record would have named the mail, e.g. "Nurture step 2: The ROI guide"
   */
  public static LeadActivity mailRejected(UUID id, Lead lead, Instant at, String mail, String answer) {
    return new LeadActivity(id, lead, ActivityType.NOTE, at, "system").aboutAsFits("Mail rejected: " + mail, null,
        answer);
  }

  private static String cut(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }

  public LeadActivity from(String channel, String campaign, String asset) {
    this.channel = channel;
    this.campaign = campaign;
    this.asset = asset;
    return this;
  }

  /**
   * Like {@link #about}, for text that Leadflow puts together itself (a server's answer, a record of what a form
   * said): as much of the subject and the note as their columns hold, instead of failing the step that records it.
   */
  public LeadActivity aboutAsFits(String subject, String outcome, String note) {
    return about(cut(subject, SUBJECT_LENGTH), outcome, cut(note, NOTE_LENGTH));
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

  @Override
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
