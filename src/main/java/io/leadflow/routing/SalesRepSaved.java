package io.leadflow.routing;

/** A user became a sales rep, or a rep's team or capacity changed: what depends on the reps can follow. */
public record SalesRepSaved(String userId, String teamId) {
}
