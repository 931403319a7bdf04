package io.leadflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deadlines in the demo teams' working time: Sales EMEA works 9-17 in Berlin on weekdays with German holidays,
 * Sales Americas 9-17 in New York with US holidays.
 */
@ProcessTest
class WorkingTimeTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Autowired
  WorkingTime workingTime;

  @Test
  void shouldCarryAFridayEveningLeadOverTheWeekend() {
    Instant friday1755 = at(2026, 11, 27, 17, 55, BERLIN);

    assertThat(workingTime.add(friday1755, Duration.ofHours(1), "sales-emea"))
        .isEqualTo(at(2026, 11, 30, 10, 0, BERLIN));
    assertThat(workingTime.endOfWorkingDay(friday1755, "sales-emea")).isEqualTo(at(2026, 11, 30, 17, 0, BERLIN));
  }

  @Test
  void shouldSplitAnHourAcrossClosingTimeAndTheWeekend() {
    Instant friday1630 = at(2026, 11, 27, 16, 30, BERLIN);

    assertThat(workingTime.add(friday1630, Duration.ofHours(1), "sales-emea"))
        .isEqualTo(at(2026, 11, 30, 9, 30, BERLIN));
  }

  @Test
  void shouldSkipPublicHolidays() {
    Instant christmasEve1630 = at(2026, 12, 24, 16, 30, BERLIN);

    // 25 December is a holiday (Friday), then the weekend
    assertThat(workingTime.add(christmasEve1630, Duration.ofHours(1), "sales-emea"))
        .isEqualTo(at(2026, 12, 28, 9, 30, BERLIN));
    assertThat(workingTime.endOfWorkingDay(at(2026, 12, 25, 10, 0, BERLIN), "sales-emea"))
        .isEqualTo(at(2026, 12, 28, 17, 0, BERLIN));
  }

  @Test
  void shouldUseTheHolidaysOfTheTeamsOwnCalendar() {
    Instant wednesdayBeforeThanksgiving = at(2026, 11, 25, 16, 30, NEW_YORK);

    assertThat(workingTime.add(wednesdayBeforeThanksgiving, Duration.ofHours(8), "sales-americas"))
        .isEqualTo(at(2026, 11, 27, 16, 30, NEW_YORK));
    assertThat(workingTime.add(at(2026, 11, 25, 16, 30, BERLIN), Duration.ofHours(1), "sales-emea"))
        .isEqualTo(at(2026, 11, 26, 9, 30, BERLIN));
  }

  @Test
  void shouldCountInTheTeamsTimeZone() {
    // Friday 17:55 in New York is Saturday in Berlin and after New York's closing time: Monday morning in New York
    Instant friday1755NewYork = at(2026, 11, 27, 17, 55, NEW_YORK);
    Instant friday1600NewYork = at(2026, 11, 27, 16, 0, NEW_YORK);

    assertThat(workingTime.add(friday1755NewYork, Duration.ofHours(1), "sales-americas"))
        .isEqualTo(at(2026, 11, 30, 10, 0, NEW_YORK));
    // 22:00 in Berlin, long after Sales EMEA went home, but Sales Americas is still at work
    assertThat(workingTime.add(friday1600NewYork, Duration.ofMinutes(30), "sales-americas"))
        .isEqualTo(at(2026, 11, 27, 16, 30, NEW_YORK));
    assertThat(workingTime.endOfWorkingDay(friday1600NewYork, "sales-americas"))
        .isEqualTo(at(2026, 11, 27, 17, 0, NEW_YORK));
    assertThat(workingTime.endOfWorkingDay(friday1600NewYork, "sales-emea"))
        .isEqualTo(at(2026, 11, 30, 17, 0, BERLIN));
  }

  @Test
  void shouldKeepWorkingHoursAcrossEasterAndTheSwitchToSummerTime() {
    // Good Friday, the weekend when Berlin moves its clocks, Easter Monday: Tuesday still opens at 9:00 local time
    assertThat(workingTime.add(at(2027, 3, 25, 16, 30, BERLIN), Duration.ofHours(1), "sales-emea"))
        .isEqualTo(at(2027, 3, 30, 9, 30, BERLIN));
  }

  @Test
  void shouldCountTheHoursOfWorkingDaysOnlyOverTheWeekend() {
    // 24 hours from Friday 15:00 skip Saturday and Sunday; two working days from Friday 10:00 are Tuesday 10:00
    assertThat(workingTime.addWorkingDays(at(2026, 11, 27, 15, 0, BERLIN), Duration.ofHours(24), "sales-emea"))
        .isEqualTo(at(2026, 11, 30, 15, 0, BERLIN));
    assertThat(workingTime.addWorkingDays(at(2026, 11, 27, 10, 0, BERLIN), Duration.ofDays(2), "sales-emea"))
        .isEqualTo(at(2026, 12, 1, 10, 0, BERLIN));
    // a Saturday start counts from Monday's first hour; Christmas and Boxing Day are holidays
    assertThat(workingTime.addWorkingDays(at(2026, 11, 28, 11, 0, BERLIN), Duration.ofHours(24), "sales-emea"))
        .isEqualTo(at(2026, 12, 1, 0, 0, BERLIN));
    assertThat(workingTime.addWorkingDays(at(2026, 12, 24, 12, 0, BERLIN), Duration.ofHours(24), "sales-emea"))
        .isEqualTo(at(2026, 12, 28, 12, 0, BERLIN));
  }

  @Test
  void shouldCountWorkingTimeBackwards() {
    // two working hours before Monday 10:00 are Friday 16:00; four hours of working days before Monday 02:00 are
    // Friday 22:00
    assertThat(workingTime.subtract(at(2026, 11, 30, 10, 0, BERLIN), Duration.ofHours(2), "sales-emea"))
        .isEqualTo(at(2026, 11, 27, 16, 0, BERLIN));
    assertThat(workingTime.subtract(at(2026, 11, 30, 17, 0, BERLIN), Duration.ofHours(2), "sales-emea"))
        .isEqualTo(at(2026, 11, 30, 15, 0, BERLIN));
    assertThat(workingTime.subtract(at(2026, 12, 28, 9, 30, BERLIN), Duration.ofHours(1), "sales-emea"))
        .isEqualTo(at(2026, 12, 24, 16, 30, BERLIN));
    assertThat(workingTime.subtractWorkingDays(at(2026, 11, 30, 2, 0, BERLIN), Duration.ofHours(4), "sales-emea"))
        .isEqualTo(at(2026, 11, 27, 22, 0, BERLIN));
  }

  @Test
  void shouldMoveAnInstantOutsideWorkingHoursToTheNextOpening() {
    assertThat(workingTime.nextWorkingMoment(at(2026, 11, 28, 14, 0, BERLIN), "sales-emea"))
        .isEqualTo(at(2026, 11, 30, 9, 0, BERLIN));
    assertThat(workingTime.nextWorkingMoment(at(2026, 11, 30, 7, 0, BERLIN), "sales-emea"))
        .isEqualTo(at(2026, 11, 30, 9, 0, BERLIN));
    assertThat(workingTime.nextWorkingMoment(at(2026, 11, 30, 17, 0, BERLIN), "sales-emea"))
        .isEqualTo(at(2026, 11, 30, 17, 0, BERLIN));
    assertThat(workingTime.isWorkingMoment(at(2026, 11, 30, 12, 0, BERLIN), "sales-emea")).isTrue();
    assertThat(workingTime.isWorkingMoment(at(2026, 11, 30, 17, 1, BERLIN), "sales-emea")).isFalse();
    assertThat(workingTime.isWorkingMoment(at(2026, 11, 26, 12, 0, NEW_YORK), "sales-americas")).isFalse();
  }

  private static Instant at(int year, int month, int day, int hour, int minute, ZoneId zone) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(zone).toInstant();
  }
}
