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

  private static final int CONSENT_SOURCE_LENGTH = 300;

  @Id
  @GeneratedValue(strategy = GenerationType.UUID)
  private UUID id;

  @Column(nullable = false, unique = true)
  private String email;

  private String firstName;
  private String lastName;
  private String company;
  private String companyDomain;
  private String jobTitle;
  private String phone;
  private String country;
  private String sourceChannel;
  private String campaign;
  private String asset;
  private String interest;

  private String industry;
  private Integer companySize;
  private String segment;
  private String jobLevel;
  private String persona;
  private String budget;
  private String authority;
  private String need;
  private String timeframe;

  private boolean marketingConsent;
  private String consentSource;
  private Instant consentAt;
  private Instant unsubscribedAt;
  private Instant erasedAt;
  /** When Leadflow first wrote the lead to the CRM; from then on its stage changes go there too. */
  private Instant inCrmSince;

  private Instant holdOffFrom;
  private Instant holdOffUntil;
  private String holdOffRep;

  private Integer score;
  private Integer fitScore;
  private Integer behaviourScore;
  private String fitGrade;
  private Instant scoredAt;

  private String team;
  private String owner;
  private int cycle = 1;

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

  public Lead(String email, Instant now) {
    this.email = email;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public void changeEmail(String email) {
    this.email = email;
  }

  public void describeContact(String firstName, String lastName, String jobTitle, String phone, String country) {
    this.firstName = firstName;
    this.lastName = lastName;
    this.jobTitle = jobTitle;
    this.phone = phone;
    this.country = country;
  }

  public void describeCompany(String company, String companyDomain, String industry, Integer companySize) {
    this.company = company;
    this.companyDomain = companyDomain;
    this.industry = industry;
    this.companySize = companySize;
  }

  /** Where the lead came from, for attribution. */
  public void attribute(String sourceChannel, String campaign, String asset, String interest) {
    this.sourceChannel = sourceChannel;
    this.campaign = campaign;
    this.asset = asset;
    this.interest = interest;
  }

  /** What the lead said about their role and buying situation (fit and BANT). */
  public void qualify(String jobLevel, String persona, String budget, String authority, String need,
      String timeframe) {
    this.jobLevel = jobLevel;
    this.persona = persona;
    this.budget = budget;
    this.authority = authority;
    this.need = need;
    this.timeframe = timeframe;
  }

  /**
   * @param source where it was given; as much of it as the column holds, since a landing page's address (its
   *     referrer with tracking parameters) can be any length and must not cost the lead
   */
  public void giveConsent(String source, Instant at) {
    this.marketingConsent = true;
    this.consentSource = consentSource(source);
    this.consentAt = at;
    this.unsubscribedAt = null;
  }

  /** Where a consent was given, as much of it as the column holds. */
  public static String consentSource(String source) {
    return source == null || source.length() <= CONSENT_SOURCE_LENGTH ? source
        : source.substring(0, CONSENT_SOURCE_LENGTH - 1) + "\u2026";
  }

  public void unsubscribe(Instant at) {
    this.marketingConsent = false;
    this.unsubscribedAt = at;
  }

  public void recordScore(int fit, int behaviour, String grade, String segment, Instant at) {
    this.fitScore = fit;
    this.behaviourScore = behaviour;
    this.score = fit + behaviour;
    this.fitGrade = grade;
    this.segment = segment;
    this.scoredAt = at;
    this.updatedAt = at;
  }

  public void assign(String team, String owner, Instant at) {
    this.team = team;
    this.owner = owner;
    this.updatedAt = at;
  }

  /**
   * Sales sent the lead back to nurture: it does not return as an MQL before {@code until} unless it raises its hand
   * again, and the rep who sent it back is not offered it again in that time.
   */
  public void holdOff(Instant from, Instant until, String rep) {
    this.holdOffFrom = from;
    this.holdOffUntil = until;
    this.holdOffRep = rep;
    this.updatedAt = from;
  }

  /** A new buying cycle starts when a closed or dormant lead responds again. */
  public void startNewCycle(Instant at) {
    this.cycle++;
    this.updatedAt = at;
  }

  /**
   * Right to erasure: the person's data goes (contact data, their role, what they wrote); what the funnel figures need
   * (stage history, the company and its facts, channel, campaign, score) stays.
   */
  public void erase(Instant at) {
    this.email = "erased-" + id + "@erased.invalid";
    this.firstName = null;
    this.lastName = null;
    this.jobTitle = null;
    this.phone = null;
    this.jobLevel = null;
    this.persona = null;
    this.authority = null;
    this.interest = null;
    this.marketingConsent = false;
    this.consentSource = null;
    this.erasedAt = at;
    this.updatedAt = at;
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

  public String getFullName() {
    return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
  }

  public String getCompany() {
    return company;
  }

  public String getCompanyDomain() {
    return companyDomain;
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

  public String getAsset() {
    return asset;
  }

  public String getInterest() {
    return interest;
  }

  public String getIndustry() {
    return industry;
  }

  public Integer getCompanySize() {
    return companySize;
  }

  public String getSegment() {
    return segment;
  }

  public String getJobLevel() {
    return jobLevel;
  }

  public String getPersona() {
    return persona;
  }

  public String getBudget() {
    return budget;
  }

  public String getAuthority() {
    return authority;
  }

  public String getNeed() {
    return need;
  }

  public String getTimeframe() {
    return timeframe;
  }

  public boolean hasMarketingConsent() {
    return marketingConsent;
  }

  public String getConsentSource() {
    return consentSource;
  }

  public Instant getConsentAt() {
    return consentAt;
  }

  public Instant getUnsubscribedAt() {
    return unsubscribedAt;
  }

  public Instant getErasedAt() {
    return erasedAt;
  }

  /** When sales last sent the lead back to nurture, while its hold-off lasts; else null. */
  public Instant getHoldOffFrom() {
    return holdOffFrom;
  }

  public Instant getHoldOffUntil() {
    return holdOffUntil;
  }

  public String getHoldOffRep() {
    return holdOffRep;
  }

  /** Whether the hold-off of a lead sales sent back still lasts at that instant. */
  public boolean isHeldOffAt(Instant at) {
    return holdOffUntil != null && at.isBefore(holdOffUntil);
  }

  public Instant getInCrmSince() {
    return inCrmSince;
  }

  /** The CRM holds the lead now; the first write counts. */
  public void writtenToCrm(Instant at) {
    if (inCrmSince == null) {
      inCrmSince = at;
    }
  }

  public Integer getScore() {
    return score;
  }

  public Integer getFitScore() {
    return fitScore;
  }

  public Integer getBehaviourScore() {
    return behaviourScore;
  }

  public String getFitGrade() {
    return fitGrade;
  }

  public Instant getScoredAt() {
    return scoredAt;
  }

  public String getTeam() {
    return team;
  }

  public String getOwner() {
    return owner;
  }

  public int getCycle() {
    return cycle;
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
