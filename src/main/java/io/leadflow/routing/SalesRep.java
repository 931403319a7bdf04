package io.leadflow.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A sales rep: a Camunda user in a team, with the capacity the round robin weighs them by. */
@Entity
@Table(name = "sales_rep")
public class SalesRep {

  @Id
  private String userId;

  @Column(nullable = false)
  private String teamId;

  @Column(nullable = false)
  private String email;

  @Column(nullable = false)
  private String displayName;

  /** How many open leads the rep can work at once; also the rep's weight in the round robin. */
  private int capacity;

  private boolean active;
  private LocalDate outOfOfficeFrom;
  private LocalDate outOfOfficeUntil;
  private int roundRobinCredit;

  protected SalesRep() {
  }

  public SalesRep(String userId, String teamId, String email, String displayName, int capacity) {
    this.userId = userId;
    this.teamId = teamId;
    this.email = email;
    this.displayName = displayName;
    this.capacity = capacity;
    this.active = true;
  }

  public void update(String teamId, String email, String displayName, int capacity, boolean active) {
    this.teamId = teamId;
    this.email = email;
    this.displayName = displayName;
    this.capacity = capacity;
    this.active = active;
  }

  public void outOfOffice(LocalDate from, LocalDate until) {
    this.outOfOfficeFrom = from;
    this.outOfOfficeUntil = until;
  }

  public boolean isAvailableOn(LocalDate day) {
    boolean away = outOfOfficeFrom != null && !day.isBefore(outOfOfficeFrom)
        && (outOfOfficeUntil == null || !day.isAfter(outOfOfficeUntil));
    return active && !away;
  }

  void credit(int credit) {
    this.roundRobinCredit = credit;
  }

  public String getUserId() {
    return userId;
  }

  public String getTeamId() {
    return teamId;
  }

  public String getEmail() {
    return email;
  }

  public String getDisplayName() {
    return displayName;
  }

  public int getCapacity() {
    return capacity;
  }

  public boolean isActive() {
    return active;
  }

  public LocalDate getOutOfOfficeFrom() {
    return outOfOfficeFrom;
  }

  public LocalDate getOutOfOfficeUntil() {
    return outOfOfficeUntil;
  }

  int getRoundRobinCredit() {
    return roundRobinCredit;
  }
}
