package io.leadflow.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A sales team: a Camunda group of the same id whose members see the team's tasks, with its working hours. */
@Entity
@Table(name = "sales_team")
public class SalesTeam {

  @Id
  private String id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String timeZone;

  @Column(nullable = false)
  private LocalTime workStart;

  @Column(nullable = false)
  private LocalTime workEnd;

  @Column(nullable = false)
  private String workDays;

  private String holidayCalendar;

  /** The user told when the team's leads go unassigned or miss a deadline. */
  private String manager;

  protected SalesTeam() {
  }

  public SalesTeam(String id, String name, ZoneId timeZone, LocalTime workStart, LocalTime workEnd,
      Set<DayOfWeek> workDays, String holidayCalendar, String manager) {
    this.id = id;
    update(name, timeZone, workStart, workEnd, workDays, holidayCalendar, manager);
  }

  public void update(String name, ZoneId timeZone, LocalTime workStart, LocalTime workEnd, Set<DayOfWeek> workDays,
      String holidayCalendar, String manager) {
    this.name = name;
    this.timeZone = timeZone.getId();
    this.workStart = workStart;
    this.workEnd = workEnd;
    this.workDays = workDays.stream().sorted().map(day -> day.name().substring(0, 3))
        .collect(Collectors.joining(","));
    this.holidayCalendar = holidayCalendar;
    this.manager = manager;
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public ZoneId getTimeZone() {
    return ZoneId.of(timeZone);
  }

  public LocalTime getWorkStart() {
    return workStart;
  }

  public LocalTime getWorkEnd() {
    return workEnd;
  }

  public Set<DayOfWeek> getWorkDays() {
    return Arrays.stream(workDays.split(","))
        .map(String::trim)
        .map(day -> Arrays.stream(DayOfWeek.values()).filter(d -> d.name().startsWith(day)).findFirst()
            .orElseThrow())
        .collect(Collectors.toSet());
  }

  public String getHolidayCalendar() {
    return holidayCalendar;
  }

  public String getManager() {
    return manager;
  }
}
