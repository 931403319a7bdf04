package io.leadflow.intake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Leadflow captures leads; marketing ops keep it in the configuration.
 *
 * @param channels the capture channels a lead may come from, each with the fields it must send; a lead from an
 *     unknown channel is refused
 * @param landingPage the public endpoint the sample landing page posts to
 * @param imports where uploaded CSV files wait until they are imported, and how many rows go in one transaction
 * @param idempotencyKeyLifetime how long a request's Idempotency-Key is remembered
 */
@ConfigurationProperties("leadflow.intake")
public record IntakeProperties(
    Map<String, Channel> channels,
    @DefaultValue LandingPage landingPage,
    @DefaultValue Imports imports,
    @DefaultValue("PT24H") Duration idempotencyKeyLifetime) {

  /** The fields every lead must have whatever its channel: someone to reach. */
  static final Set<String> ALWAYS_REQUIRED = Set.of("sourceChannel");

  /**
   * @param required the fields a lead from this channel must send, by their JSON names; a lead without email needs a
   *     phone number and a company, which then identify the person
   * @param requestType what a lead from this channel asked for when the source does not say
   */
  public record Channel(List<String> required, RequestType requestType) {

    public Channel {
      required = required == null ? List.of() : List.copyOf(required);
    }
  }

  /**
   * @param channel the channel of every lead from the landing page
   * @param requestsPerMinute how many posts one client address may make per minute; more are refused with 429
   * @param requestsPerEmailAddress how many posts may name the same email address within
   *     {@code emailAddressWindow}, from whatever client; more are refused with 429, so that the page cannot be used
   *     to fill a stranger's mailbox
   * @param emailAddressWindow the window of {@code requestsPerEmailAddress}, from the first post for the address
   */
  public record LandingPage(@DefaultValue("landing-page") String channel, @DefaultValue("10") int requestsPerMinute,
      @DefaultValue("5") int requestsPerEmailAddress, @DefaultValue("24h") Duration emailAddressWindow) {
  }

  /**
   * @param directory where an upload is kept until its import is done
   * @param maxRejectionsKept rejected rows reported per import (the count goes on)
   */
  public record Imports(@DefaultValue("data/imports") Path directory,
      @DefaultValue("10000") int maxRejectionsKept) {
  }

  public IntakeProperties {
    channels = channels == null ? Map.of() : Map.copyOf(channels);
  }
}
