package io.leadflow.sla;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The working calendar for work that belongs to no sales team yet (e.g. marketing ops' review of an unrouted MQL).
 */
@ConfigurationProperties("leadflow.sla.default-calendar")
public record WorkingTimeProperties(
    @DefaultValue("Europe/Berlin") ZoneId timeZone,
    @DefaultValue("09:00") LocalTime workStart,
    @DefaultValue("17:00") LocalTime workEnd,
    @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) Set<DayOfWeek> workDays,
    @DefaultValue("DE") String holidayCalendar) {
}
