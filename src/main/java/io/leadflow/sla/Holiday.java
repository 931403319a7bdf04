package io.leadflow.sla;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;

/** A public holiday of a calendar (e.g. "DE", "US"): no working time that day for teams using the calendar. */
@Entity
@Table(name = "holiday")
@IdClass(Holiday.Key.class)
public class Holiday {

  /** Composite key: calendar and day. */
  public record Key(String calendar, LocalDate day) implements Serializable {
    Key() {
      this(null, null);
    }
  }

  @Id
  private String calendar;

  @Id
  private LocalDate day;

  @Column(nullable = false)
  private String name;

  protected Holiday() {
  }

  public Holiday(String calendar, LocalDate day, String name) {
    this.calendar = calendar;
    this.day = day;
    this.name = name;
  }

  public String getCalendar() {
    return calendar;
  }

  public LocalDate getDay() {
    return day;
  }

  public String getName() {
    return name;
  }
}
