package io.leadflow.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An existing customer, by company domain: its leads go to the account's owner. */
@Entity
@Table(name = "customer_account")
public class CustomerAccount {

  @Id
  private String domain;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String owner;

  @Column(nullable = false)
  private String teamId;

  protected CustomerAccount() {
  }

  public CustomerAccount(String domain, String name, String owner, String teamId) {
    this.domain = domain;
    this.name = name;
    this.owner = owner;
    this.teamId = teamId;
  }

  public String getDomain() {
    return domain;
  }

  public String getName() {
    return name;
  }

  public String getOwner() {
    return owner;
  }

  public String getTeamId() {
    return teamId;
  }
}
