package io.leadflow.sla;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Holiday calendars through the admin API, and deadlines that follow them at once. */
@LeadflowIntegrationTest
class HolidayCalendarIT {

  private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

  @Autowired TestRestTemplate rest;
  @Autowired WorkingTime workingTime;
  @Autowired HolidayRepository holidays;

  @Test
  void shouldSkipAHolidayAddedThroughTheApi() {
    assertThat(put(ADMIN, "/api/admin/teams/sales-iberia", Map.of("name", "Sales Iberia", "timeZone", "Europe/Lisbon",
        "workStart", "09:00", "workEnd", "18:00", "workDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
            "FRIDAY"), "holidayCalendar", "PT")).getStatusCode()).isEqualTo(HttpStatus.OK);
    var monday1730 = LocalDateTime.of(2026, 11, 30, 17, 30).atZone(LISBON).toInstant();
    assertThat(workingTime.add(monday1730, Duration.ofHours(1), "sales-iberia"))
        .isEqualTo(LocalDateTime.of(2026, 12, 1, 9, 30).atZone(LISBON).toInstant());

    ResponseEntity<JsonNode> added = put(ADMIN, "/api/admin/holidays/PT/2026-12-01",
        Map.of("name", "Restoration of Independence"));

    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(workingTime.add(monday1730, Duration.ofHours(1), "sales-iberia"))
        .isEqualTo(LocalDateTime.of(2026, 12, 2, 9, 30).atZone(LISBON).toInstant());
    assertThat(rest.withBasicAuth(ADMIN, PASSWORD).getForObject("/api/admin/holidays/PT", JsonNode.class)
        .findValuesAsText("name")).containsExactly("Restoration of Independence");

    assertThat(rest.withBasicAuth(ADMIN, PASSWORD).exchange("/api/admin/holidays/PT/2026-12-01", HttpMethod.DELETE,
        null, Void.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(workingTime.add(monday1730, Duration.ofHours(1), "sales-iberia"))
        .isEqualTo(LocalDateTime.of(2026, 12, 1, 9, 30).atZone(LISBON).toInstant());
  }

  @Test
  void shouldRejectABadHolidayAndStoreNothing() {
    ResponseEntity<JsonNode> noName = put(ADMIN, "/api/admin/holidays/PT/2026-06-10", Map.of("name", " "));
    ResponseEntity<JsonNode> badDay = put(ADMIN, "/api/admin/holidays/PT/2026-13-40", Map.of("name", "Never"));
    ResponseEntity<JsonNode> badCalendar = put(ADMIN, "/api/admin/holidays/not a calendar/2026-06-10",
        Map.of("name", "Portugal Day"));
    ResponseEntity<JsonNode> notAdmin = put(MANAGER, "/api/admin/holidays/PT/2026-06-10",
        Map.of("name", "Portugal Day"));

    assertThat(noName.getBody().get("errors").findValuesAsText("field")).containsExactly("name");
    assertThat(badDay.getBody().get("errors").findValuesAsText("field")).containsExactly("day");
    assertThat(badCalendar.getBody().get("errors").findValuesAsText("field")).containsExactly("calendar");
    assertThat(notAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(holidays.findAll()).noneMatch(holiday -> holiday.getName().equals("Portugal Day")
        || holiday.getName().equals("Never"));
  }

  private ResponseEntity<JsonNode> put(String user, String path, Map<String, Object> body) {
    return rest.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.PUT, new HttpEntity<>(body),
        JsonNode.class);
  }
}
