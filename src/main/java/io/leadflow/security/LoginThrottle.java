package io.leadflow.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing at every login door (HTTP Basic on every chain, the dashboard's login form, the
 * webapps' login) without letting anyone lock anyone else out:
 * <ul>
 *   <li>a user's failures from one address make that address wait before it tries that user again;</li>
 *   <li>many failures from one address (trying many users) make it wait, except for users who logged in from there
 *   before;</li>
 *   <li>many failures for one user (from many addresses) make every address that failed for that user wait, while an
 *   address that has not failed for them still gets in.</li>
 * </ul>
 * The wait starts after a number of failures and doubles with each further one up to a maximum; it ends, and a quiet
 * period forgets the failures: no account is ever locked for good. A waiting request is answered 429 with
 * Retry-After, without its password being checked. Counted per node, in memory.
 */
@Component
public class LoginThrottle {

  private final LoginThrottleProperties limits;
  private final Clock clock;
  private final Map<String, Failures> pairs = new ConcurrentHashMap<>();
  private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
  private final Map<String, Failures> users = new ConcurrentHashMap<>();
  private final Map<String, Instant> successes = new ConcurrentHashMap<>();

  @Autowired
  LoginThrottle(LoginThrottleProperties limits) {
    this(limits, Clock.systemUTC());
  }

  LoginThrottle(LoginThrottleProperties limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** Failures counted since the last quiet period, and when the last one was. */
  private record Failures(int count, Instant last) {
  }

  /** How long the address must wait before it may try to log in as the user; empty when it may try now. */
  public Optional<Duration> waitBeforeTrying(String user, String address) {
    Instant now = clock.instant();
    String name = normalised(user);
    Failures pair = current(pairs.get(pair(name, address)), now);
    Duration wait = wait(pair, limits.failuresPerUserAndAddress(), now);
    if (!knownGood(name, address, now)) {
      wait = max(wait, wait(current(addresses.get(address), now), limits.failuresPerAddress(), now));
    }
    if (pair != null) {
      wait = max(wait, wait(current(users.get(name), now), limits.failuresPerUser(), now));
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  public void failed(String user, String address) {
    Instant now = clock.instant();
    String name = normalised(user);
    count(pairs, pair(name, address), now);
    count(addresses, address, now);
    count(users, name, now);
  }

  public void succeeded(String user, String address) {
    String name = normalised(user);
    pairs.remove(pair(name, address));
    successes.put(pair(name, address), clock.instant());
    prune(successes, limits.rememberSuccessFor());
  }

  private boolean knownGood(String user, String address, Instant now) {
    Instant success = successes.get(pair(user, address));
    return success != null && success.plus(limits.rememberSuccessFor()).isAfter(now);
  }

  private void count(Map<String, Failures> counters, String key, Instant now) {
    counters.compute(key, (ignored, failures) -> {
      Failures known = current(failures, now);
      return new Failures(known == null ? 1 : known.count() + 1, now);
    });
    prune(counters);
  }

  private Failures current(Failures failures, Instant now) {
    return failures == null || failures.last().plus(limits.forgetAfter()).isBefore(now) ? null : failures;
  }

  private Duration wait(Failures failures, int free, Instant now) {
    if (failures == null || failures.count() < free) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures.count() - free, 30);
    Duration delay = limits.firstWait().multipliedBy(1L << doublings);
    if (delay.compareTo(limits.maxWait()) > 0) {
      delay = limits.maxWait();
    }
    Duration left = Duration.between(now, failures.last().plus(delay));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Keeps memory bounded however many users and addresses an attacker tries: the oldest counts go first. */
  private void prune(Map<String, Failures> counters) {
    if (counters.size() <= limits.maxTracked()) {
      return;
    }
    Instant now = clock.instant();
    counters.values().removeIf(failures -> current(failures, now) == null);
    counters.entrySet().stream().sorted(Comparator.comparing(entry -> entry.getValue().last()))
        .limit(Math.max(0, counters.size() - limits.maxTracked() * 9L / 10))
        .map(Map.Entry::getKey).toList().forEach(counters::remove);
  }

  private void prune(Map<String, Instant> remembered, Duration forAsLong) {
    if (remembered.size() <= limits.maxTracked()) {
      return;
    }
    Instant now = clock.instant();
    remembered.values().removeIf(at -> at.plus(forAsLong).isBefore(now));
    remembered.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .limit(Math.max(0, remembered.size() - limits.maxTracked() * 9L / 10))
        .map(Map.Entry::getKey).toList().forEach(remembered::remove);
  }

  private static Duration max(Duration one, Duration other) {
    return one.compareTo(other) >= 0 ? one : other;
  }

  private static String pair(String user, String address) {
    return user + '\n' + address;
  }

  private static String normalised(String user) {
    return user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
  }
}
