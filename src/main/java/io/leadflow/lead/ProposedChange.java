package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A value for one of the lead's fields that an untrusted source (the landing page, an API key, a list) sent with an
 * inquiry and that differs from what the lead holds. It is offered to marketing ops and the rep, never applied by
 * itself: anyone who knows a person's email address can post a form in their name.
 */
@Entity
@Table(name = "lead_proposed_change")
public class ProposedChange {

  @Id
  private UUID id;

  @Column(nullable = false)
  private UUID leadId;

  @Column(nullable = false)
  private UUID inquiryId;

  /** The field by its name in the capture API, e.g. {@code lastName}. */
  @Column(nullable = false)
  private String field;

  @Column(nullable = false)
  private String proposedValue;

  @Column(nullable = false)
  private Instant proposedAt;

  /** Who captured the inquiry: the landing page's channel or {@code api-key:<name>}. */
  @Column(nullable = false)
  private String proposedBy;

  private Instant settledAt;
  private String settledBy;

  protected ProposedChange() {
  }

  public ProposedChange(UUID leadId, UUID inquiryId, String field, String proposedValue, Instant at, String by) {
    this.id = UUID.randomUUID();
    this.leadId = leadId;
    this.inquiryId = inquiryId;
    this.field = field;
    this.proposedValue = proposedValue;
    this.proposedAt = at;
    this.proposedBy = by;
  }

  public UUID getId() {
    return id;
  }

  public UUID getLeadId() {
    return leadId;
  }

  public UUID getInquiryId() {
    return inquiryId;
  }

  public String getField() {
    return field;
  }

  public String getProposedValue() {
    return proposedValue;
  }

  public Instant getProposedAt() {
    return proposedAt;
  }

  public String getProposedBy() {
    return proposedBy;
  }

  public Instant getSettledAt() {
    return settledAt;
  }
}
