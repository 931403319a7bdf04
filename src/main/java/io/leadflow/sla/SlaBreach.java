package io.leadflow.sla;

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

/** A deadline a step missed, and against whom it counts. */
@Entity
@Table(name = "sla_breach")
public class SlaBreach {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private UUID leadId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private SlaStep step;

  private String owner;
  private String team;

  @Column(nullable = false)
  private Instant dueAt;

  @Column(nullable = false)
  private Instant breachedAt;

  @Column(nullable = false)
  private String processInstanceId;

  private Instant resolvedAt;

  /** The group the SLA policy escalated the breach to (slaEscalateTo), as it read when the deadline passed. */
  private String escalatedTo;

  protected SlaBreach() {
  }

  public SlaBreach(UUID leadId, SlaStep step, String owner, String team, Instant dueAt, Instant breachedAt,
      String processInstanceId, String escalatedTo) {
    this.leadId = leadId;
    this.step = step;
    this.owner = owner;
    this.team = team;
    this.dueAt = dueAt;
    this.breachedAt = breachedAt;
    this.processInstanceId = processInstanceId;
    this.escalatedTo = escalatedTo;
  }

  public void resolve(Instant at) {
    this.resolvedAt = at;
  }

  public Long getId() {
    return id;
  }

  public UUID getLeadId() {
    return leadId;
  }

  public SlaStep getStep() {
    return step;
  }

  public String getOwner() {
    return owner;
  }

  public String getTeam() {
    return team;
  }

  public Instant getDueAt() {
    return dueAt;
  }

  public Instant getBreachedAt() {
    return breachedAt;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }

  public Instant getResolvedAt() {
    return resolvedAt;
  }

  public String getEscalatedTo() {
    return escalatedTo;
  }
}
