package io.leadflow.sla;

import io.leadflow.routing.SalesTeam;
import io.leadflow.routing.SalesTeamRepository;
import io.leadflow.system.TransactionScoped;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Adds working time to an instant: only the owning team's working hours count, in its time zone, on its working days
 * and not on its calendar's public holidays. A lead arriving on Friday at 17:55 is not late on Saturday.
 */
@Component
public class WorkingTime {

  /** A deadline more than this far away means the calendar has no working time: a configuration error. */
  private static final int MAX_DAYS = 3 * 366;

  private final SalesTeamRepository teams;
  private final HolidayRepository holidays;
  private final WorkingTimeProperties defaults;
  /** A task's due date, deadline and reminder are counted on the same calendar: its holidays are read once. */
  private final TransactionScoped<CalendarFrom, Set<LocalDate>> holidaysFrom = new TransactionScoped<>();

  WorkingTime(SalesTeamRepository teams, HolidayRepository holidays, WorkingTimeProperties defaults) {
    this.teams = teams;
    this.holidays = holidays;
    this.defaults = defaults;
  }

  /** The instant when {@code amount} of the team's working time has passed after {@code start}. */
  public Instant add(Instant start, Duration amount, String teamId) {
    Calendar calendar = calendar(teamId, start);
    ZonedDateTime cursor = start.atZone(calendar.zone());
    Duration remaining = amount;
    for (int day = 0; day <= MAX_DAYS; day++) {
      LocalDate date = cursor.toLocalDate();
      if (calendar.isWorkingDay(date)) {
        ZonedDateTime open = date.atTime(calendar.start()).atZone(calendar.zone());
        ZonedDateTime close = date.atTime(calendar.end()).atZone(calendar.zone());
        ZonedDateTime from = cursor.isBefore(open) ? open : cursor;
        if (from.isBefore(close)) {
          Duration available = Duration.between(from, close);
          if (remaining.compareTo(available) <= 0) {
            return from.plus(remaining).toInstant();
          }
          remaining = remaining.minus(available);
        }
      }
      cursor = date.plusDays(1).atStartOfDay(calendar.zone());
    }
    throw noWorkingTime(teamId);
  }

  /**
   * The end of the working day: today's closing time while the team is still at work, else the closing time of the
   * next working day (a lead arriving after hours is due by the end of the next day).
   */
  public Instant endOfWorkingDay(Instant start, String teamId) {
    Calendar calendar = calendar(teamId, start);
    ZonedDateTime cursor = start.atZone(calendar.zone());
    for (int day = 0; day <= MAX_DAYS; day++) {
      LocalDate date = cursor.toLocalDate();
      ZonedDateTime close = date.atTime(calendar.end()).atZone(calendar.zone());
      if (calendar.isWorkingDay(date) && cursor.isBefore(close)) {
        return close.toInstant();
      }
      cursor = date.plusDays(1).atStartOfDay(calendar.zone());
    }
    throw noWorkingTime(teamId);
  }

  /**
   * The instant when {@code amount} has passed after {@code start}, counting every hour of the team's working days and
   * none of its weekends and public holidays: 24 hours from Friday 15:00 are Monday 15:00.
   */
  public Instant addWorkingDays(Instant start, Duration amount, String teamId) {
    Calendar calendar = calendar(teamId, start);
    ZonedDateTime cursor = start.atZone(calendar.zone());
    Duration remaining = amount;
    for (int day = 0; day <= MAX_DAYS; day++) {
      LocalDate date = cursor.toLocalDate();
      ZonedDateTime midnight = date.plusDays(1).atStartOfDay(calendar.zone());
      if (calendar.isWorkingDay(date)) {
        Duration available = Duration.between(cursor, midnight);
        if (remaining.compareTo(available) <= 0) {
          return cursor.plus(remaining).toInstant();
        }
        remaining = remaining.minus(available);
      }
      cursor = midnight;
    }
    throw noWorkingTime(teamId);
  }

  /** The instant {@code amount} of the team's working time before {@code end}: working time counted backwards. */
  public Instant subtract(Instant end, Duration amount, String teamId) {
    Calendar calendar = calendar(teamId, before(end, amount));
    ZonedDateTime cursor = end.atZone(calendar.zone());
    Duration remaining = amount;
    for (int day = 0; day <= MAX_DAYS; day++) {
      LocalDate date = cursor.toLocalDate();
      if (calendar.isWorkingDay(date)) {
        ZonedDateTime open = date.atTime(calendar.start()).atZone(calendar.zone());
        ZonedDateTime close = date.atTime(calendar.end()).atZone(calendar.zone());
        ZonedDateTime until = cursor.isAfter(close) ? close : cursor;
        if (until.isAfter(open)) {
          Duration available = Duration.between(open, until);
          if (remaining.compareTo(available) <= 0) {
            return until.minus(remaining).toInstant();
          }
          remaining = remaining.minus(available);
        }
      }
      cursor = date.atStartOfDay(calendar.zone()).minusNanos(1);
    }
    throw noWorkingTime(teamId);
  }

  /** The instant {@code amount} before {@code end}, counting the hours of working days only (see addWorkingDays). */
  public Instant subtractWorkingDays(Instant end, Duration amount, String teamId) {
    Calendar calendar = calendar(teamId, before(end, amount));
    ZonedDateTime cursor = end.atZone(calendar.zone());
    LocalDate date = cursor.toLocalDate();
    Duration remaining = amount;
    for (int day = 0; day <= MAX_DAYS; day++) {
      ZonedDateTime midnight = date.atStartOfDay(calendar.zone());
      if (calendar.isWorkingDay(date)) {
        Duration available = Duration.between(midnight, cursor);
        if (remaining.compareTo(available) <= 0) {
          return cursor.minus(remaining).toInstant();
        }
        remaining = remaining.minus(available);
      }
      cursor = midnight;
      date = date.minusDays(1);
    }
    throw noWorkingTime(teamId);
  }

  /** Whether the team is at work at that instant (opening and closing time included). */
  public boolean isWorkingMoment(Instant instant, String teamId) {
    return nextWorkingMoment(instant, teamId).equals(instant);
  }

  /** The instant itself while the team is at work, else the team's next opening time. */
  public Instant nextWorkingMoment(Instant instant, String teamId) {
    Calendar calendar = calendar(teamId, instant);
    ZonedDateTime cursor = instant.atZone(calendar.zone());
    for (int day = 0; day <= MAX_DAYS; day++) {
      LocalDate date = cursor.toLocalDate();
      if (calendar.isWorkingDay(date)) {
        ZonedDateTime open = date.atTime(calendar.start()).atZone(calendar.zone());
        ZonedDateTime close = date.atTime(calendar.end()).atZone(calendar.zone());
        if (!cursor.isAfter(close)) {
          return (cursor.isBefore(open) ? open : cursor).toInstant();
        }
      }
      cursor = date.plusDays(1).atStartOfDay(calendar.zone());
    }
    throw noWorkingTime(teamId);
  }

  /** A day early enough for the holidays a backward count may pass: working time is at most a third of the day. */
  private static Instant before(Instant end, Duration amount) {
    return end.minus(amount.multipliedBy(3)).minus(Duration.ofDays(14));
  }

  private static IllegalStateException noWorkingTime(String teamId) {
    return new IllegalStateException("The working calendar of " + (teamId == null ? "the default calendar" : teamId)
        + " has no working time in " + MAX_DAYS + " days: check its working days and hours");
  }

  /** The time zone the team's working hours are in (the default calendar's for none). */
  public ZoneId zoneOf(String teamId) {
    SalesTeam team = teamId == null ? null : teams.findById(teamId).orElse(null);
    return team == null ? defaults.timeZone() : team.getTimeZone();
  }

  private Calendar calendar(String teamId, Instant start) {
    SalesTeam team = teamId == null ? null : teams.findById(teamId).orElse(null);
    ZoneId zone = team == null ? defaults.timeZone() : team.getTimeZone();
    String holidayCalendar = team == null ? defaults.holidayCalendar() : team.getHolidayCalendar();
    LocalDate first = start.atZone(zone).toLocalDate();
    Set<LocalDate> days = holidayCalendar == null ? Set.of()
        : holidaysFrom.get(new CalendarFrom(holidayCalendar, first),
            from -> Set.copyOf(holidays.daysOf(from.calendar(), from.day(), from.day().plusDays(MAX_DAYS))));
    return team == null
        ? new Calendar(zone, defaults.workStart(), defaults.workEnd(), defaults.workDays(), days)
        : new Calendar(zone, team.getWorkStart(), team.getWorkEnd(), team.getWorkDays(), days);
  }

  private record CalendarFrom(String calendar, LocalDate day) {
  }

  private record Calendar(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> workDays,
      Set<LocalDate> holidays) {

    boolean isWorkingDay(LocalDate date) {
      return workDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }
  }
}
