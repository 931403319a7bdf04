package io.leadflow.intake;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A lead as a capture source submits it: who the person is, where they came from, what they asked for, what they said
 * about their buying situation, and whether they agreed to marketing email.
 */
public record NewLead(
    @NotBlank @Email @Size(max = 254) String email,
    @NotBlank @Size(max = 100) String firstName,
    @NotBlank @Size(max = 100) String lastName,
    @NotBlank @Size(max = 200) String company,
    @Size(max = 150) String jobTitle,
    @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*", message = "may contain only digits, spaces and + ( ) . / -")
    String phone,
    @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter ISO 3166 country code") String country,
    @NotBlank @Size(max = 40) String sourceChannel,
    @Size(max = 100) String campaign,
    RequestType requestType,
    @Size(max = 200) String asset,
    @Size(max = 100) String interest,
    Industry industry,
    @Min(1) @Max(10_000_000) Integer companySize,
    JobLevel jobLevel,
    Persona persona,
    Budget budget,
    Authority authority,
    Need need,
    Timeframe timeframe,
    Boolean marketingConsent) {

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
  }

  /** The minimum a capture source must send. */
  public static NewLead of(String email, String firstName, String lastName, String company, String jobTitle,
      String phone, String country, String sourceChannel, String campaign) {
    return new NewLead(email, firstName, lastName, company, jobTitle, phone, country, sourceChannel, campaign,
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static String clean(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
