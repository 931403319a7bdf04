package io.leadflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import io.leadflow.metrics.FunnelMetrics;
import io.leadflow.metrics.MetricsFilter;
import io.leadflow.intake.LeadDataRules;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The generated history is back-dated, plausible, and fast to write: it must also serve a million-lead benchmark. */
@ProcessTest
class DemoHistoryTest {

  // a quarter of 2020, far from every other test's leads
  private static final Instant END = Instant.parse("2020-04-01T00:00:00Z");

  @Autowired
  DemoHistory history;

  @Autowired
  FunnelMetrics metrics;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  LeadDataRules intake;

  @Test
  void shouldGenerateAQuarterOfLeadsMovingThroughTheFunnel() {
    DemoHistory.Result result = history.generate(20_000, END, 91, 7);

    assertThat(history.exists()).isTrue();
    assertThat(result.leads()).isEqualTo(20_000);
    // COPY, not row by row: 20,000 leads with their history in seconds even on a busy build machine
    assertThat(result.took()).isLessThan(java.time.Duration.ofSeconds(60));
    assertThat(jdbc.queryForObject("""
        select count(*) from leadflow.lead_stage_change c join leadflow.lead l on l.id = c.lead_id
        where l.email like ? and l.created_at < ? and c.changed_at >= ?""", Long.class,
        "%@" + DemoHistory.EMAIL_DOMAIN, Timestamp.from(END), Timestamp.from(END)))
        .as("stage changes after the end of the history").isZero();
    MetricsFilter quarter = new MetricsFilter(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 3, 31), null, null, null,
        null, null);
    List<FunnelMetrics.Conversion> conversions = metrics.conversions(quarter);
    assertThat(conversions.get(0).rate()).as("inquiry to MQL").isBetween(0.2, 0.5);
    assertThat(conversions.get(1).rate()).as("MQL to SAL").isBetween(0.6, 0.95);
    assertThat(conversions.get(3).entered()).as("SQLs").isPositive();
    Double omar = acceptance(quarter, "omar");
    Double sam = acceptance(quarter, "sam");
    assertThat(omar).as("omar misses acceptance more often than sam").isLessThan(sam);
    long started = System.nanoTime();
    metrics.volumes(quarter);
    metrics.velocity(quarter);
    metrics.slaCompliance(quarter, FunnelMetrics.SlaGrouping.TEAM);
    metrics.trends(quarter);
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(20));
    assertThat(metrics.revenue(quarter)).anySatisfy(campaign -> assertThat(campaign.costPerMql()).isNotNull());
  }

  @Test
  void shouldLeaveEveryRepOpenWorkBelowTheirCapacityAndNameChannelsAsCaptureDoes() {
    // the default history's size, ending at the end of 2021, far from every other test's leads
    Instant end = Instant.parse("2022-01-01T00:00:00Z");
    history.generate(3000, end, 120, 42);

    Map<String, Long> open = new HashMap<>();
    jdbc.query("""
        select owner, count(*) as open from leadflow.lead
        where email like ? and created_at >= ? and created_at < ? and stage in ('MQL', 'SAL', 'SQL', 'ON_HOLD')
        group by owner""", row -> {
          open.put(row.getString("owner"), row.getLong("open"));
        }, "%@" + DemoHistory.EMAIL_DOMAIN, Timestamp.from(end.minus(Duration.ofDays(120))), Timestamp.from(end));
    assertThat(open).containsOnlyKeys("sam", "lena", "rita", "omar");
    for (DemoData.DemoRep rep : DemoData.REPS) {
      if (open.containsKey(rep.id())) {
        assertThat(open.get(rep.id())).as("open leads of " + rep.id() + ", capacity " + rep.capacity())
            .isPositive().isLessThan(rep.capacity());
      }
    }
    assertThat(jdbc.queryForList("""
        select distinct source_channel from leadflow.lead where email like ? and created_at >= ? and created_at < ?""",
        String.class, "%@" + DemoHistory.EMAIL_DOMAIN, Timestamp.from(end.minus(Duration.ofDays(120))),
        Timestamp.from(end)))
        .containsExactlyInAnyOrder("web-form", "landing-page", "webinar", "trade-show", "partner", "content-download")
        .isSubsetOf(intake.channels());
  }

  private Double acceptance(MetricsFilter quarter, String rep) {
    return metrics.slaCompliance(quarter, FunnelMetrics.SlaGrouping.REP).stream()
        .filter(row -> row.step().equals("ACCEPTANCE") && rep.equals(row.rep())).findFirst().orElseThrow()
        .compliance();
  }
}
