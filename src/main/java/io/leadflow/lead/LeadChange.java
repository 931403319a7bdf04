package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One field of a lead's data changed by hand: who, when, the old and the new value. Never updated, only erased. */
@Entity
@Table(name = "lead_change")
public class LeadChange {

  private static final int VALUE_LENGTH = 300;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private UUID leadId;

  @Column(nullable = false)
  private Instant changedAt;

  @Column(nullable = false)
  private String changedBy;

  /** The field's name as the API and the forms call it, e.g. "budget" or "phone". */
  @Column(nullable = false)
  private String field;

  private String oldValue;
  private String newValue;

  protected LeadChange() {
  }

  public LeadChange(UUID leadId, String field, String oldValue, String newValue, String changedBy,
      Instant changedAt) {
    this.leadId = leadId;
    this.field = field;
    this.oldValue = cut(oldValue);
    this.newValue = cut(newValue);
    this.changedBy = changedBy;
    this.changedAt = changedAt;
  }

  private static String cut(String value) {
    return value == null || value.length() <= VALUE_LENGTH ? value : value.substring(0, VALUE_LENGTH);
  }

  /** Right to erasure: the values are the person's data. */
  void erase() {
    this.oldValue = null;
    this.newValue = null;
  }

  public Long getId() {
    return id;
  }

  public UUID getLeadId() {
    return leadId;
  }

  public Instant getChangedAt() {
    return changedAt;
  }

  public String getChangedBy() {
    return changedBy;
  }

  public String getField() {
    return field;
  }

  public String getOldValue() {
    return oldValue;
  }

  public String getNewValue() {
    return newValue;
  }
}
