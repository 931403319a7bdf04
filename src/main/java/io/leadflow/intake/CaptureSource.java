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
 */
public record CaptureSource(String capturedBy, String consentWhere, String sourceKey, UUID importId, Long importLine) {

  public static CaptureSource by(String capturedBy) {
    return new CaptureSource(capturedBy, null, null, null, null);
  }

  public CaptureSource where(String consentWhere) {
    return new CaptureSource(capturedBy, consentWhere, sourceKey, importId, importLine);
  }
}
