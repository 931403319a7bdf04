package io.leadflow.routing;

/**
 * Who got a lead and why.
 *
 * @param team the sales team, or null when no territory matched (marketing ops review the lead)
 * @param rep the rep, or null when the lead waits in the team's queue
 * @param reason the explanation the rep and the API show
 */
public record Assignment(String team, String rep, String reason) {
}
