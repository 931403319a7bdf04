package io.leadflow.intake;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Limits how often one client address may post the public landing-page form: a fixed window of one minute, in
 * memory. Each node of a cluster counts on its own, so the limit per address is at most nodes × the setting.
 */
@Component
class LandingPageRateLimiter {

  private record Window(long minute, int count) {
  }

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final IntakeProperties properties;

  LandingPageRateLimiter(IntakeProperties properties) {
    this.properties = properties;
  }

  /** @return 0 when the post may go ahead, else the seconds until the client may post again */
  long secondsToWait(String client, Instant now) {
    long minute = now.getEpochSecond() / 60;
    if (windows.size() > 10_000) {
      windows.values().removeIf(window -> window.minute() < minute);
    }
    Window window = windows.merge(client, new Window(minute, 1), (old, fresh) -> old.minute() == minute
        ? new Window(minute, old.count() + 1) : fresh);
    return window.count() <= properties.landingPage().requestsPerMinute() ? 0 : 60 - now.getEpochSecond() % 60;
  }
}
