package io.leadflow.sla;

import java.time.LocalDate;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

// JPQL rather than derived queries: Hibernate 6.6 translates a derived (criteria) query anew on every call
public interface HolidayRepository extends JpaRepository<Holiday, Holiday.Key> {

  @Query("select h from Holiday h where h.calendar = :calendar and h.day between :from and :to")
  List<Holiday> findByCalendarAndDayBetween(String calendar, LocalDate from, LocalDate to);

  /** Only the days, for a deadline: no holiday entities for the session to manage and check at every flush. */
  @Query("select h.day from Holiday h where h.calendar = :calendar and h.day between :from and :to")
  List<LocalDate> daysOf(String calendar, LocalDate from, LocalDate to);
}
