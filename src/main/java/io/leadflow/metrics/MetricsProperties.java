package io.leadflow.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the managers' figures ({@code leadflow.metrics.*}).
 *
 * @param stuckMinimumHistory how many leads of a segment must have left a stage before its 80th percentile says
 *     what is typical; below that, no lead of the segment is called stuck in that stage
 * @param stuckHistoryDays how far back the typical time in a stage is measured
 * @param stuckListLimit the most stuck leads one answer lists, and the most that are incidents at once
 * @param stuckCheckInterval how often stuck leads are looked for and shown as incidents in Cockpit
 * @param rollupInterval how often new stage entries are added to the per-day funnel figures (a figure is exact either
 *     way; what is not rolled up yet is counted when the figure is asked for)
 * @param ownershipCheckInterval how often every open lead is checked to wait in one place with an owner and a deadline
 *     ({@link LeadOwnership})
 */
@ConfigurationProperties("leadflow.metrics")
public record MetricsProperties(@DefaultValue("20") int stuckMinimumHistory, @DefaultValue("365") int stuckHistoryDays,
    @DefaultValue("200") int stuckListLimit, @DefaultValue("PT1H") java.time.Duration stuckCheckInterval,
    @DefaultValue("PT10S") java.time.Duration rollupInterval,
    @DefaultValue("PT5M") java.time.Duration ownershipCheckInterval) {
}
