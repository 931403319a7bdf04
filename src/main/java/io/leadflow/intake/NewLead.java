package io.leadflow.intake;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A lead as a capture source submits it. */
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
    @Size(max = 100) String campaign) {

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
  }

  private static String clean(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
