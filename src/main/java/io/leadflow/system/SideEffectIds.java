package io.leadflow.system;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Ids derived from a side effect's key: a step retried after a crash records the same activity, not a second one. */
public final class SideEffectIds {

  private SideEffectIds() {
  }

  public static UUID of(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }
}
