package io.leadflow.tasklist;

import java.util.Locale;
import java.util.Map;

/**
 * What people read instead of the codes Leadflow stores: "Decision maker" for DECISION_MAKER, "Web form" for
 * web-form. Codes whose words alone would mislead have their own wording; the form's choices use the same words.
 */
final class Labels {

  private static final Map<String, String> WORDING = Map.ofEntries(
      Map.entry("MQL", "Marketing-qualified (MQL)"),
      Map.entry("SAL", "Sales-accepted (SAL)"),
      Map.entry("SQL", "Sales-qualified (SQL)"),
      Map.entry("MID_MARKET", "Mid-market"),
      Map.entry("SMB", "Small business"),
      Map.entry("UNKNOWN", "Not known"),
      Map.entry("IT_LEADER", "IT leader"),
      Map.entry("HAND_RAISER", "Hand-raiser"),
      Map.entry("SOCIAL", "Social message"),
      Map.entry("VOICEMAIL", "Left a voicemail"),
      Map.entry("BOUNCED", "Bounced or wrong number"),
      Map.entry("CONTENT_DOWNLOAD", "Download"),
      Map.entry("EMAIL_CLICK", "Clicked a link in a mail"),
      Map.entry("REPLY", "Replied to a mail"),
      Map.entry("DEMO", "Demo request"),
      Map.entry("CONTACT", "Call-back request"));

  private Labels() {
  }

  /** @return the label, or null for no code */
  static String of(Object code) {
    if (code == null) {
      return null;
    }
    String text = code.toString();
    String wording = WORDING.get(text);
    if (wording != null) {
      return wording;
    }
    String words = text.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** The label, or the given text for no code, e.g. "Not asked" for a BANT answer nobody gave. */
  static String of(Object code, String none) {
    return code == null ? none : of(code);
  }
}
