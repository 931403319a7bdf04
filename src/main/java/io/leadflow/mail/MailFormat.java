package io.leadflow.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Formats values for people, available to every mail template as {@code format}: delegates pass times and durations
 * as they are ({@code Instant}, {@code ZonedDateTime}, {@code Duration}) and the template decides how they read.
 */
public final class MailFormat {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);

  /** "Mon 5 May 2025, 14:30 UTC"; an Instant is shown in UTC, a zoned or offset time in its own zone. */
  public String dateTime(TemporalAccessor time) {
    if (time == null) {
      return "";
    }
    if (time instanceof Instant instant) {
      return DATE_TIME.format(instant.atZone(UTC));
    }
    return DATE_TIME.format(ZonedDateTime.from(time));
  }

  /** "2 days 3 hours", "45 minutes": the two largest units, rounded down. */
  public String duration(Duration duration) {
    if (duration == null) {
      return "";
    }
    long minutes = Math.abs(duration.toMinutes());
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long rest = minutes % 60;
    if (days > 0) {
      return plural(days, "day") + (hours > 0 ? " " + plural(hours, "hour") : "");
    }
    if (hours > 0) {
      return plural(hours, "hour") + (rest > 0 ? " " + plural(rest, "minute") : "");
    }
    return plural(rest, "minute");
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
