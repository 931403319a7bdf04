package io.leadflow.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Limits how often the public landing-page form may be posted, in memory: per client address (a fixed window of one
 * minute), and per email address typed into it, whoever types it (a window that opens with the first post), since
 * every post mails that address. Each node of a cluster counts on its own, so a limit is at most nodes × the setting.
 */
@Component
class LandingPageRateLimiter {

  private record Window(long start, int count) {
  }

  private static final int CLEAN_UP_ABOVE = 10_000;

  private final Map<String, Window> visitors = new ConcurrentHashMap<>();
  private final Map<String, Window> recipients = new ConcurrentHashMap<>();
  private final IntakeProperties properties;

  LandingPageRateLimiter(IntakeProperties properties) {
    this.properties = properties;
  }

  /** @return 0 when the post may go ahead, else the seconds until the client may post again */
  long secondsToWait(String client, Instant now) {
    long minute = now.getEpochSecond() / 60;
    if (visitors.size() > CLEAN_UP_ABOVE) {
      visitors.values().removeIf(window -> window.start() < minute);
    }
    Window window = visitors.merge(client, new Window(minute, 1), (old, fresh) -> old.start() == minute
        ? new Window(minute, old.count() + 1) : fresh);
    return window.count() <= properties.landingPage().requestsPerMinute() ? 0 : 60 - now.getEpochSecond() % 60;
  }

  /**
   * @param email the address typed into the form, normalised
   * @return 0 when a post for the address may go ahead, else the seconds until one may
   */
  long secondsToWaitFor(String email, Instant now) {
    long second = now.getEpochSecond();
    long length = properties.landingPage().emailAddressWindow().toSeconds();
    if (recipients.size() > CLEAN_UP_ABOVE) {
      recipients.values().removeIf(window -> window.start() + length <= second);
    }
    Window window = recipients.merge(email, new Window(second, 1), (old, fresh) -> old.start() + length > second
        ? new Window(old.start(), old.count() + 1) : fresh);
    return window.count() <= properties.landingPage().requestsPerEmailAddress() ? 0
        : Math.max(1, window.start() + length - second);
  }

  /** For the page that explains the wait. */
  Duration emailAddressWindow() {
    return properties.landingPage().emailAddressWindow();
  }
}
