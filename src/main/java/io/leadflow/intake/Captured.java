package io.leadflow.intake;

import java.util.UUID;

/**
 * What a capture did.
 *
 * @param id the lead
 * @param inquiryId the response recorded, or null when it was recorded before (the same list row again)
 * @param result CREATED: a new lead; MERGED: a known lead responded again; UNCHANGED: nothing new
 * @param newCycle the known lead had finished its last buying cycle, so this response started a new one
 * @param cycle the lead's buying cycle, 1 for a new lead
 */
public record Captured(UUID id, UUID inquiryId, Result result, boolean newCycle, int cycle) {

  /** Whether the lead is new. */
  public enum Result { CREATED, MERGED, UNCHANGED }
}
