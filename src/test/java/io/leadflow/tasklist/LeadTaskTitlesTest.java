package io.leadflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.lead.Lead;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A task's name says whose lead it is, how it scores and when it is due, in the team's time zone. */
class LeadTaskTitlesTest {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  @BeforeEach
  void nineInTheMorningInLondon() {
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 12, 7, 9, 0, 0, 0, LONDON).toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldNameTheLeadItsCompanyScoreAndTodaysDueTime() {
    Lead ada = lead("Ada", "Lovelace", "Analytical Engines", 110);

    assertThat(LeadTaskTitles.name("Accept lead", ada, at(2026, 12, 7, 14, 0), LONDON))
        .isEqualTo("Accept lead: Ada Lovelace, Analytical Engines (score 110, due 14:00)");
  }

  @Test
  void shouldGiveTheDayOfADeadlineThatIsNotTodayInTheTeamsTimeZone() {
    Lead ada = lead("Ada", "Lovelace", "Analytical Engines", 110);
    // 23:30 in London on the 7th is already the 8th in Berlin
    Instant lateEvening = at(2026, 12, 7, 23, 30);

    assertThat(LeadTaskTitles.name("Accept lead", ada, lateEvening, ZoneId.of("Europe/Berlin")))
        .isEqualTo("Accept lead: Ada Lovelace, Analytical Engines (score 110, due 8 Dec 00:30)");
  }

  @Test
  void shouldNameALeadWithoutNameByItsEmailAndLeaveOutWhatIsNotKnown() {
    Lead unnamed = new Lead("someone@analytical-engines.example", Instant.now());

    assertThat(LeadTaskTitles.name("Review marketing-qualified lead", unnamed, null, LONDON))
        .isEqualTo("Review marketing-qualified lead: someone@analytical-engines.example");
  }

  @Test
  void shouldCutALongNameToFitTheTaskButKeepScoreAndDueTime() {
    Lead long_ = lead("A".repeat(100), "B".repeat(100), "C".repeat(200), 7);

    String name = LeadTaskTitles.name("Follow up with lead", long_, at(2026, 12, 7, 16, 30), LONDON);

    assertThat(name).hasSize(255).startsWith("Follow up with lead: AAAA").endsWith("… (score 7, due 16:30)");
  }

  private static Lead lead(String firstName, String lastName, String company, int score) {
    Lead lead = new Lead(firstName.toLowerCase() + "@analytical-engines.example", Instant.now());
    lead.describeContact(firstName, lastName, null, null, "GB");
    lead.describeCompany(company, null, null, null);
    lead.recordScore(score, 0, "A", "MID_MARKET", Instant.now());
    return lead;
  }

  private static Instant at(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, LONDON).toInstant();
  }
}
