package io.leadflow.intake;

import java.util.UUID;

/**
 * Who captured a lead and through what: a user or an API key, and for list imports the import and its line.
 *
 * @param capturedBy the user id, or {@code api-key:<name>} for a machine client
 * @param consentWhere where a consent given with this capture was given, e.g. the landing page's address
 * @param sourceKey the same response captured again under this key (a list row imported twice) is not recorded twice
 * @param importId the CSV import, or null
 * @param importLine the line of the CSV file, or null
 * @param trusted a logged-in user speaking for the person (marketing ops logging a call or a lead): what they capture
 *     about a known person is applied. Not trusted are the landing page and API keys, which anyone who knows an
 *     address can use in the person's name, and list rows, which are not the person speaking: what they send about
 *     a known person fills the lead's blanks, and what differs is only offered
 *     ({@link io.leadflow.lead.ProposedChange})
 */
public record CaptureSource(String capturedBy, String consentWhere, String sourceKey, UUID importId, Long importLine,
    boolean trusted) {

  /** A logged-in user, or Leadflow itself. */
  public static CaptureSource by(String capturedBy) {
    return new CaptureSource(capturedBy, null, null, null, null, true);
  }

  /** The landing page or a machine client. */
  public static CaptureSource untrusted(String capturedBy) {
    return new CaptureSource(capturedBy, null, null, null, null, false);
  }

  public CaptureSource where(String consentWhere) {
    return new CaptureSource(capturedBy, consentWhere, sourceKey, importId, importLine, trusted);
  }
}
