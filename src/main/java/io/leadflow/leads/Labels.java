package io.leadflow.leads;

import io.leadflow.lead.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Words for the codes Leadflow stores (stages, BANT answers, outcomes), as the pages show them. */
final class Labels {

  private static final Set<String> ACRONYMS = Set.of("MQL", "SAL", "SQL", "CRM", "SLA", "SMB", "BANT");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);
  private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("email", "Email"),
      Map.entry("firstName", "First name"), Map.entry("lastName", "Last name"), Map.entry("company", "Company"),
      Map.entry("jobTitle", "Job title"), Map.entry("phone", "Phone"), Map.entry("country", "Country"),
      Map.entry("budget", "Budget"), Map.entry("authority", "Authority"), Map.entry("need", "Need"),
      Map.entry("timeframe", "Timing"));
  private static final Map<String, String> VALUES = Map.ofEntries(Map.entry("CONFIRMED", "Confirmed"),
      Map.entry("PLANNED", "Planned"), Map.entry("DECISION_MAKER", "Decision maker"),
      Map.entry("INFLUENCER", "Influencer"), Map.entry("OFFICIAL_PROJECT", "Official project"),
      Map.entry("EVALUATING", "Evaluating"), Map.entry("INFORMATION_GATHERING", "Gathering information"),
      Map.entry("WITHIN_3_MONTHS", "Within 3 months"), Map.entry("WITHIN_6_MONTHS", "Within 6 months"),
      Map.entry("WITHIN_12_MONTHS", "Within 12 months"), Map.entry("LATER", "Later"));

  private Labels() {
  }

  static String stage(Stage stage) {
    return stage == null ? "\u2013" : code(stage.name());
  }

  /** {@code NO_ANSWER} as "No answer", {@code MQL_REVIEW} as "MQL review". */
  static String code(String code) {
    if (code == null || code.isBlank()) {
      return "\u2013";
    }
    StringBuilder words = new StringBuilder();
    for (String word : code.split("_")) {
      String upper = word.toUpperCase(Locale.ROOT);
      String label = ACRONYMS.contains(upper) ? upper : word.toLowerCase(Locale.ROOT);
      words.append(words.isEmpty() ? Character.toUpperCase(label.charAt(0)) + label.substring(1) : " " + label);
    }
    return words.toString();
  }

  static String field(String field) {
    return FIELDS.getOrDefault(field, field);
  }

  /** A field's value as the timeline shows it: BANT answers in words, an empty value as a dash. */
  static String value(String field, String value) {
    if (value == null || value.isBlank()) {
      return "\u2013";
    }
    return Set.of("budget", "authority", "need", "timeframe").contains(field)
        ? VALUES.getOrDefault(value, code(value)) : value;
  }

  static String when(Instant at) {
    return at == null ? "\u2013" : WHEN.format(at);
  }

  /** How long ago, roughly: "3 days", "5 hours", "12 minutes". */
  static String age(Instant since, Instant now) {
    if (since == null) {
      return "\u2013";
    }
    Duration age = Duration.between(since, now);
    if (age.toDays() >= 1) {
      return age.toDays() + (age.toDays() == 1 ? " day" : " days");
    }
    if (age.toHours() >= 1) {
      return age.toHours() + (age.toHours() == 1 ? " hour" : " hours");
    }
    long minutes = Math.max(0, age.toMinutes());
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
