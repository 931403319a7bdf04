package io.leadflow.sla;

import io.leadflow.system.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The admin API for holiday calendars: a team's deadlines skip the public holidays of its calendar. */
@RestController
@RequestMapping("/api/admin/holidays")
class HolidayController {

  private final HolidayRepository holidays;

  HolidayController(HolidayRepository holidays) {
    this.holidays = holidays;
  }

  record HolidayRequest(@NotBlank @Size(max = 100) String name) {
  }

  record Day(String calendar, LocalDate day, String name) {

    static Day of(Holiday holiday) {
      return new Day(holiday.getCalendar(), holiday.getDay(), holiday.getName());
    }
  }

  @GetMapping("/{calendar}")
  List<Day> calendar(@PathVariable String calendar) {
    return holidays.findByCalendarAndDayBetween(calendar, LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31))
        .stream().map(Day::of).toList();
  }

  @PutMapping("/{calendar}/{day}")
  Day save(@PathVariable String calendar, @PathVariable LocalDate day, @Valid @RequestBody HolidayRequest request) {
    if (!calendar.matches("^[A-Za-z0-9_-]{1,20}$")) {
      new InvalidRequestException().field("calendar", "must be 1-20 letters, digits, '-' or '_', such as DE or US-NY")
          .throwIfAny();
    }
    return Day.of(holidays.save(new Holiday(calendar, day, request.name())));
  }

  @DeleteMapping("/{calendar}/{day}")
  ResponseEntity<Void> delete(@PathVariable String calendar, @PathVariable LocalDate day) {
    Holiday.Key key = new Holiday.Key(calendar, day);
    if (!holidays.existsById(key)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No holiday " + day + " in calendar " + calendar);
    }
    holidays.deleteById(key);
    return ResponseEntity.noContent().build();
  }
}
