package io.leadflow.lead;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What identifies a person in text that outlives their erasure (a stage reason, a lost reason, an error message): their
 * email, names, phone and job title, as they were before the erasure.
 */
public record PersonalData(String email, String firstName, String lastName, String phone, String jobTitle) {

  /** What erased text reads where it named the person. */
  public static final String ERASED = "[erased]";
  /** The last digits of a phone number that identify it in text, whatever the spaces, dashes or brackets. */
  private static final int PHONE_DIGITS = 7;

  static PersonalData of(Lead lead) {
    return new PersonalData(lead.getEmail(), lead.getFirstName(), lead.getLastName(), lead.getPhone(),
        lead.getJobTitle());
  }

  /** The values exactly as stored, for comparing with a field's whole value. */
  public List<String> values() {
    return Stream.of(email, firstName, lastName, phone, jobTitle).filter(Objects::nonNull)
        .filter(value -> !value.isBlank()).toList();
  }

  /**
   * A PostgreSQL regular expression that finds any of the values in text as whole words, with the case ignored
   * ({@code ~*}, {@code regexp_replace(..., 'gi')}); the phone with any separators between its last digits.
   * Empty when there is nothing to look for.
   */
  public String pattern() {
    Set<String> words = new LinkedHashSet<>();
    for (String value : Stream.of(email, fullName(), firstName, lastName, jobTitle).filter(Objects::nonNull)
        .map(String::strip).filter(value -> !value.isEmpty()).toList()) {
      words.add("\\m" + quote(value.toLowerCase(Locale.ROOT)) + "\\M");
    }
    String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
    if (digits.length() >= PHONE_DIGITS) {
      List<String> last = new ArrayList<>();
      digits.substring(digits.length() - PHONE_DIGITS).chars().forEach(digit -> last.add(String.valueOf((char) digit)));
      words.add(String.join("[\\s().\\-/]*", last));
    }
    return words.stream().collect(Collectors.joining("|"));
  }

  private String fullName() {
    return firstName == null || lastName == null ? null : firstName.strip() + " " + lastName.strip();
  }

  /** Characters with a meaning in a regular expression, escaped. */
  private static String quote(String value) {
    return value.replaceAll("([\\\\.^$|?*+()\\[\\]{}])", "\\\\$1");
  }
}
