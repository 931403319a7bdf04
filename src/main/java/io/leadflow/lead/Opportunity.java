package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The deal a sales-qualified lead became. */
@Entity
@Table(name = "opportunity")
public class Opportunity extends AssignedIdEntity<UUID> {

  /** OPEN, ON_HOLD, WON or LOST. */
  public enum State { OPEN, ON_HOLD, WON, LOST }

  @Id
  private UUID id;

  @Column(nullable = false)
  private UUID leadId;

  @Column(nullable = false)
  private String name;

  private BigDecimal amount;

  @Column(nullable = false)
  private String currency;

  private LocalDate expectedCloseDate;

  @Enumerated(EnumType.STRING)
  @Column(name = "stage", nullable = false)
  private State state;

  private String lostReason;
  private String lostTo;
  private String owner;

  @Column(nullable = false)
  private Instant createdAt;

  private Instant closedAt;

  protected Opportunity() {
  }

  public Opportunity(UUID id, Lead lead, String currency, Instant at) {
    this.id = id;
    this.leadId = lead.getId();
    this.name = lead.getCompany() + " – " + lead.getFullName();
    this.currency = currency;
    this.owner = lead.getOwner();
    this.state = State.OPEN;
    this.createdAt = at;
  }

  public void forecast(BigDecimal amount, LocalDate expectedCloseDate) {
    this.amount = amount;
    this.expectedCloseDate = expectedCloseDate;
  }

  /** Right to erasure: the name ("Company – Full Name") named the person; the company stays, as on the lead. */
  void erase(Lead lead) {
    this.name = lead.getCompany() == null ? "Erased lead" : lead.getCompany() + " – erased lead";
  }

  public void moveTo(State state, String lostReason, String lostTo, Instant at) {
    this.state = state;
    this.lostReason = state == State.LOST ? lostReason : null;
    this.lostTo = state == State.LOST ? lostTo : null;
    this.closedAt = state == State.WON || state == State.LOST ? at : null;
  }

  @Override
  public UUID getId() {
    return id;
  }

  public UUID getLeadId() {
    return leadId;
  }

  public String getName() {
    return name;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public String getCurrency() {
    return currency;
  }

  public LocalDate getExpectedCloseDate() {
    return expectedCloseDate;
  }

  public State getState() {
    return state;
  }

  public String getLostReason() {
    return lostReason;
  }

  public String getLostTo() {
    return lostTo;
  }

  public String getOwner() {
    return owner;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getClosedAt() {
    return closedAt;
  }
}
