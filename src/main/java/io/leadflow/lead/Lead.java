package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A person at a company who responded to marketing. The process refers to it by id only (its business key). */
@Entity
@Table(name = "lead")
public class Lead {

  @Id
  @GeneratedValue(strategy = GenerationType.UUID)
  private UUID id;

  @Column(nullable = false, unique = true)
  private String email;

  private String firstName;
  private String lastName;
  private String company;
  private String jobTitle;
  private String phone;
  private String country;
  private String sourceChannel;
  private String campaign;

  @Enumerated(EnumType.STRING)
  private Stage stage;

  @Column(nullable = false)
  private Instant createdAt;

  @Column(nullable = false)
  private Instant updatedAt;

  @Version
  private long version;

  protected Lead() {
  }

  public Lead(String email, String firstName, String lastName, String company, String jobTitle, String phone,
      String country, String sourceChannel, String campaign, Instant now) {
    this.email = email;
    this.firstName = firstName;
    this.lastName = lastName;
    this.company = company;
    this.jobTitle = jobTitle;
    this.phone = phone;
    this.country = country;
    this.sourceChannel = sourceChannel;
    this.campaign = campaign;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Moves the lead to a stage and returns the change to record in its history. */
  public StageChange moveTo(Stage to, String by, String reason, Instant at) {
    StageChange change = new StageChange(id, stage, to, at, by, reason);
    this.stage = to;
    this.updatedAt = at;
    return change;
  }

  public UUID getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public String getFirstName() {
    return firstName;
  }

  public String getLastName() {
    return lastName;
  }

  public String getCompany() {
    return company;
  }

  public String getJobTitle() {
    return jobTitle;
  }

  public String getPhone() {
    return phone;
  }

  public String getCountry() {
    return country;
  }

  public String getSourceChannel() {
    return sourceChannel;
  }

  public String getCampaign() {
    return campaign;
  }

  public Stage getStage() {
    return stage;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
