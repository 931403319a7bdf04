package io.leadflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final MovableClock clock = new MovableClock();
  private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(5, 30, 30,
      Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofDays(30), 1000), clock);

  @Test
  void shouldMakeAnAddressWaitForAUserAfterFiveFailuresAndDoubleTheWaitWithEachFurtherOne() {
    fail("ada", "198.51.100.7", 4);
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).isEmpty();

    fail("ada", "198.51.100.7", 1);
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).contains(Duration.ofSeconds(30));
    assertThat(throttle.waitBeforeTrying("Ada", "198.51.100.7")).as("the same user, however spelt").isPresent();

    clock.move(Duration.ofSeconds(30));
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).isEmpty();
    fail("ada", "198.51.100.7", 1);
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).contains(Duration.ofSeconds(60));
  }

  @Test
  void shouldNeverWaitLongerThanTheMaximumAndForgetAfterAQuietHour() {
    fail("ada", "198.51.100.7", 40);
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).contains(Duration.ofMinutes(15));

    clock.move(Duration.ofMinutes(16));
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).as("the wait is over, the account not locked")
        .isEmpty();
    fail("ada", "198.51.100.7", 1);
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).contains(Duration.ofMinutes(15));

    clock.move(Duration.ofMinutes(61));
    fail("ada", "198.51.100.7", 1);
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).as("an hour of quiet forgot the failures")
        .isEmpty();
  }

  @Test
  void shouldNotLetOneAddressLockTheUserOutOfAnother() {
    fail("ada", "203.0.113.66", 50);

    assertThat(throttle.waitBeforeTrying("ada", "203.0.113.66")).isPresent();
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).isEmpty();
  }

  @Test
  void shouldMakeEveryAddressThatFailedForAUserWaitOnceTheUserHasManyFailuresButNotOthers() {
    for (int address = 1; address <= 30; address++) {
      fail("ada", "203.0.113." + address, 1);
    }

    assertThat(throttle.waitBeforeTrying("ada", "203.0.113.1")).as("an attacking address").isPresent();
    assertThat(throttle.waitBeforeTrying("ada", "203.0.113.200")).as("a new attacking address, first try").isEmpty();
    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).as("Ada's own address").isEmpty();
  }

  @Test
  void shouldMakeAnAddressTryingManyUsersWaitExceptForUsersWhoLoggedInFromThere() {
    throttle.succeeded("bea", "192.0.2.10");
    for (int user = 1; user <= 30; user++) {
      fail("user" + user, "192.0.2.10", 1);
    }

    assertThat(throttle.waitBeforeTrying("carl", "192.0.2.10")).as("a user never seen from there").isPresent();
    assertThat(throttle.waitBeforeTrying("bea", "192.0.2.10")).as("a user who logged in from there").isEmpty();
    assertThat(throttle.waitBeforeTrying("carl", "198.51.100.7")).as("another address").isEmpty();
  }

  @Test
  void shouldStartAfreshForAUserAndAddressAfterASuccessfulLogin() {
    fail("ada", "198.51.100.7", 4);
    throttle.succeeded("ada", "198.51.100.7");
    fail("ada", "198.51.100.7", 4);

    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).isEmpty();
  }

  @Test
  void shouldKeepCountingWithinItsMemoryBoundWhenFlooded() {
    for (int address = 0; address < 5000; address++) {
      fail("user" + address, "10.0." + address / 250 + "." + address % 250, 1);
    }
    fail("ada", "198.51.100.7", 5);

    assertThat(throttle.waitBeforeTrying("ada", "198.51.100.7")).isPresent();
  }

  private void fail(String user, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(user, address);
    }
  }

  private static final class MovableClock extends Clock {

    private Instant now = Instant.parse("2026-05-04T09:00:00Z");

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
