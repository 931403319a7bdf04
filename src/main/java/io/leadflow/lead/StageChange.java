package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One row of a lead's stage history: the source of the funnel metrics. Never updated. */
@Entity
@Table(name = "lead_stage_change")
public class StageChange {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private UUID leadId;

  @Enumerated(EnumType.STRING)
  private Stage fromStage;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Stage toStage;

  @Column(nullable = false)
  private Instant changedAt;

  @Column(nullable = false)
  private String changedBy;

  private String reason;

  protected StageChange() {
  }

  StageChange(UUID leadId, Stage fromStage, Stage toStage, Instant changedAt, String changedBy, String reason) {
    this.leadId = leadId;
    this.fromStage = fromStage;
    this.toStage = toStage;
    this.changedAt = changedAt;
    this.changedBy = changedBy;
    this.reason = reason;
  }

  public Long getId() {
    return id;
  }

  public UUID getLeadId() {
    return leadId;
  }

  public Stage getFromStage() {
    return fromStage;
  }

  public Stage getToStage() {
    return toStage;
  }

  public Instant getChangedAt() {
    return changedAt;
  }

  public String getChangedBy() {
    return changedBy;
  }

  public String getReason() {
    return reason;
  }
}
