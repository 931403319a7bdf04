package io.leadflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leadflow.ProcessTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@ProcessTest
class FunnelPlannerTest {

  private static final LocalDate Q1_FROM = LocalDate.of(2027, 1, 1);
  private static final LocalDate Q1_TO = LocalDate.of(2027, 3, 31);

  @Autowired
  FunnelPlanner planner;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void shouldWorkBackFromTheRevenueTargetWithGivenRates() {
    FunnelPlan.Answer answer = planner.plan(new FunnelPlan.Request(new BigDecimal("120000"), new BigDecimal("10000"),
        Q1_FROM, Q1_TO, "ENTERPRISE", new FunnelPlan.Rates(0.5, 0.5, 0.5, 0.5)), LocalDate.now(ZoneOffset.UTC));

    // 12 deals ÷ 0.5 = 24 SQLs ÷ 0.5 = 48 SALs ÷ 0.5 = 96 MQLs ÷ 0.5 = 192 inquiries
    assertThat(answer).extracting(FunnelPlan.Answer::deals, FunnelPlan.Answer::sqls, FunnelPlan.Answer::sals,
        FunnelPlan.Answer::mqls, FunnelPlan.Answer::inquiries).containsExactly(12L, 24L, 48L, 96L, 192L);
    FunnelPlan.Segment enterprise = answer.segments().get(0);
    assertThat(enterprise.ratesSource()).isEqualTo("given");
    // January has 31 of the quarter's 90 days: 41,333.33 = 4.13 deals → 5, 8.27 SQLs → 9, … 66.13 inquiries → 67
    assertThat(enterprise.months()).extracting(FunnelPlan.Month::month, FunnelPlan.Month::revenueTarget,
            FunnelPlan.Month::deals, FunnelPlan.Month::mqls, FunnelPlan.Month::inquiries)
        .containsExactly(tuple(Q1_FROM, new BigDecimal("41333.33"), 5L, 34L, 67L),
            tuple(LocalDate.of(2027, 2, 1), new BigDecimal("37333.33"), 4L, 30L, 60L),
            tuple(LocalDate.of(2027, 3, 1), new BigDecimal("41333.33"), 5L, 34L, 67L));
  }

  @Test
  void shouldPlanWithTheSegmentsMeasuredRatesByDefault() {
    // 4 inquiries → 2 MQLs → 1 SAL → 1 SQL → 1 won, all in the last month
    FixedHistory history = new FixedHistory(jdbc);
    Instant start = Instant.now().minus(30, ChronoUnit.DAYS);
    for (int i = 0; i < 4; i++) {
      UUID lead = history.lead("PLANNED", null, null, "WEB", null, start.toString(), "INQUIRY");
      history.stage(lead, null, "INQUIRY", start.toString(), "system", null);
      if (i < 2) {
        history.stage(lead, "INQUIRY", "MQL", start.plus(1, ChronoUnit.DAYS).toString(), "system", null);
      }
      if (i == 0) {
        history.stage(lead, "MQL", "SAL", start.plus(2, ChronoUnit.DAYS).toString(), "sam", null)
            .stage(lead, "SAL", "SQL", start.plus(3, ChronoUnit.DAYS).toString(), "sam", null)
            .stage(lead, "SQL", "WON", start.plus(4, ChronoUnit.DAYS).toString(), "sam", null);
      }
    }

    FunnelPlan.Answer answer = planner.plan(new FunnelPlan.Request(new BigDecimal("100000"), new BigDecimal("10000"),
        Q1_FROM, Q1_TO, "PLANNED", null), LocalDate.now(ZoneOffset.UTC));

    FunnelPlan.Segment planned = answer.segments().get(0);
    assertThat(planned.ratesSource()).isEqualTo("measured");
    assertThat(planned.conversionRates()).isEqualTo(new FunnelPlan.Rates(0.5, 0.5, 1.0, 1.0));
    assertThat(planned).extracting(FunnelPlan.Segment::deals, FunnelPlan.Segment::sqls, FunnelPlan.Segment::sals,
        FunnelPlan.Segment::mqls, FunnelPlan.Segment::inquiries).containsExactly(10L, 10L, 10L, 20L, 40L);
  }

  @Test
  void shouldSayWhyASegmentWithoutHistoryCannotBePlanned() {
    FunnelPlan.Answer answer = planner.plan(new FunnelPlan.Request(new BigDecimal("100000"), new BigDecimal("10000"),
        Q1_FROM, Q1_TO, "NO_HISTORY", null), LocalDate.now(ZoneOffset.UTC));

    assertThat(answer.mqls()).isNull();
    assertThat(answer.segments().get(0).mqls()).isNull();
    assertThat(answer.segments().get(0).note()).contains("Too little history", "NO_HISTORY", "conversionRates");
  }
}
