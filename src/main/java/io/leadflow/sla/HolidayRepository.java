package io.leadflow.sla;

import java.time.LocalDate;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface HolidayRepository extends JpaRepository<Holiday, Holiday.Key> {

  List<Holiday> findByCalendarAndDayBetween(String calendar, LocalDate from, LocalDate to);
}
