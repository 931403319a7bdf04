package io.leadflow.intake;

import io.leadflow.nurture.FollowUpReason;
import java.time.LocalDate;

/**
 * A lead as a capture source submits it: who the person is, where they came from, what they asked for, what they said
 * about their buying situation, whether they agreed to marketing email, and a date to follow up on. Which fields a
 * source must send depends on its channel ({@code leadflow.intake.channels}); {@link LeadDataRules} checks and
 * normalises them.
 */
public record NewLead(
    String email,
    String firstName,
    String lastName,
    String company,
    String jobTitle,
    String phone,
    String country,
    String sourceChannel,
    String campaign,
    RequestType requestType,
    String asset,
    String interest,
    Industry industry,
    Integer companySize,
    JobLevel jobLevel,
    Persona persona,
    Budget budget,
    Authority authority,
    Need need,
    Timeframe timeframe,
    Boolean marketingConsent,
    LocalDate followUpOn,
    FollowUpReason followUpReason,
    String note) {

  /** Whitespace around a value is never meant; an empty value is no value. */
  public NewLead {
    email = clean(email);
    firstName = clean(firstName);
    lastName = clean(lastName);
    company = clean(company);
    jobTitle = clean(jobTitle);
    phone = clean(phone);
    country = clean(country);
    sourceChannel = clean(sourceChannel);
    campaign = clean(campaign);
    asset = clean(asset);
    interest = clean(interest);
    note = clean(note);
  }

  /** A lead without a follow-up date or note. */
  public NewLead(String email, String firstName, String lastName, String company, String jobTitle, String phone,
      String country, String sourceChannel, String campaign, RequestType requestType, String asset, String interest,
      Industry industry, Integer companySize, JobLevel jobLevel, Persona persona, Budget budget, Authority authority,
      Need need, Timeframe timeframe, Boolean marketingConsent) {
    this(email, firstName, lastName, company, jobTitle, phone, country, sourceChannel, campaign, requestType, asset,
        interest, industry, companySize, jobLevel, persona, budget, authority, need, timeframe, marketingConsent, null,
        null, null);
  }

  /** The minimum a capture source must send. */
  public static NewLead of(String email, String firstName, String lastName, String company, String jobTitle,
      String phone, String country, String sourceChannel, String campaign) {
    return new NewLead(email, firstName, lastName, company, jobTitle, phone, country, sourceChannel, campaign,
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  NewLead withChannel(String channel) {
    return new NewLead(email, firstName, lastName, company, jobTitle, phone, country, channel, campaign, requestType,
        asset, interest, industry, companySize, jobLevel, persona, budget, authority, need, timeframe,
        marketingConsent, followUpOn, followUpReason, note);
  }

  private static String clean(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
