package io.leadflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import io.leadflow.metrics.FunnelMetrics;
import io.leadflow.metrics.MetricsFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

  @Test
  void shouldGenerateAQuarterOfLeadsMovingThroughTheFunnel() {
    DemoHistory.Result result = history.generate(20_000, END, 91, 7);

    assertThat(history.exists()).isTrue();
    assertThat(result.leads()).isEqualTo(20_000);
    // COPY, not row by row: 20,000 leads with their history in seconds even on a busy build machine
    assertThat(result.took()).isLessThan(java.time.Duration.ofSeconds(60));
    assertThat(jdbc.queryForObject("""
        select count(*) from leadflow.lead_stage_change c join leadflow.lead l on l.id = c.lead_id
        where l.email like ? and c.changed_at >= ?""", Long.class, "%@" + DemoHistory.EMAIL_DOMAIN,
        java.sql.Timestamp.from(END))).as("stage changes after the end of the history").isZero();
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

  private Double acceptance(MetricsFilter quarter, String rep) {
    return metrics.slaCompliance(quarter, FunnelMetrics.SlaGrouping.REP).stream()
        .filter(row -> row.step().equals("ACCEPTANCE") && rep.equals(row.rep())).findFirst().orElseThrow()
        .compliance();
  }
}
