package io.leadflow.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named account sales is going after, by company domain: its leads go to the account executive. */
@Entity
@Table(name = "target_account")
public class TargetAccount {

  @Id
  private String domain;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String accountExecutive;

  @Column(nullable = false)
  private String teamId;

  protected TargetAccount() {
  }

  public TargetAccount(String domain, String name, String accountExecutive, String teamId) {
    this.domain = domain;
    this.name = name;
    this.accountExecutive = accountExecutive;
    this.teamId = teamId;
  }

  public String getDomain() {
    return domain;
  }

  public String getName() {
    return name;
  }

  public String getAccountExecutive() {
    return accountExecutive;
  }

  public String getTeamId() {
    return teamId;
  }
}
