package io.leadflow.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo profile's generated history ({@code leadflow.demo.history.*}).
 *
 * @param leads how many leads the first start generates; 0 generates none
 * @param days how many days back the history reaches from now
 * @param seed the random seed: the same seed gives the same history
 */
@ConfigurationProperties("leadflow.demo.history")
public record DemoHistoryProperties(@DefaultValue("3000") int leads, @DefaultValue("120") int days,
    @DefaultValue("42") long seed) {
}
