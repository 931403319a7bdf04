package io.leadflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LifecycleDriver;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every funnel figure on a small history written in the test, in January 2019 so that no other test's leads fall
 * into the period; each expected value is worked out by hand in the comments.
 */
@ProcessTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunnelMetricsTest {

  private static final LocalDate JAN = LocalDate.of(2019, 1, 1);
  private static final LocalDate MAR_END = LocalDate.of(2019, 3, 31);

  @Autowired
  FunnelMetrics metrics;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  FunnelRollup rollup;

  @Autowired
  LifecycleDriver driver;

  private FixedHistory history;

  private final MetricsFilter quarter = new MetricsFilter(JAN, MAR_END, null, null, null, null, null);
  private final MetricsFilter empty = new MetricsFilter(LocalDate.of(2018, 6, 1), LocalDate.of(2018, 6, 30), null,
      null, null, null, null);

  @BeforeAll
  void writeHistory() {
    history = new FixedHistory(jdbc);
    history.firstQuarterOf2019();
  }

  @Test
  void shouldCountTheLeadsThatEnteredEachStage() {
    assertThat(metrics.volumes(quarter)).extracting(FunnelMetrics.Volume::stage, FunnelMetrics.Volume::leads)
        .containsExactly(tuple("INQUIRY", 5L), tuple("MQL", 3L), tuple("SAL", 2L), tuple("SQL", 2L),
            tuple("WON", 1L), tuple("LOST", 1L), tuple("DISQUALIFIED", 1L), tuple("NURTURE", 1L));
  }

  @Test
  void shouldFilterByTheLeadsAttributes() {
    MetricsFilter smb = new MetricsFilter(JAN, MAR_END, "SMB", null, null, null, null);
    assertThat(metrics.volumes(smb)).extracting(FunnelMetrics.Volume::leads)
        .containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 1L, 0L);
    MetricsFilter event = new MetricsFilter(JAN, MAR_END, null, "sales-emea", "lena", "EVENT", "C2");
    assertThat(metrics.volumes(event)).extracting(FunnelMetrics.Volume::leads)
        .containsExactly(null, 1L, 0L, 0L, 0L, 0L, 0L, 1L);
  }

  @Test
  void shouldConvertCohortsOfTheLeadsThatEnteredTheStageInThePeriod() {
    assertThat(metrics.conversions(quarter)).extracting(FunnelMetrics.Conversion::fromStage,
            FunnelMetrics.Conversion::toStage, FunnelMetrics.Conversion::entered, FunnelMetrics.Conversion::reached,
            FunnelMetrics.Conversion::rate)
        .containsExactly(tuple("INQUIRY", "MQL", 5L, 3L, 0.6), tuple("MQL", "SAL", 3L, 2L, 0.6667),
            tuple("SAL", "SQL", 2L, 2L, 1.0), tuple("SQL", "WON", 2L, 1L, 0.5), tuple("INQUIRY", "WON", 5L, 1L, 0.2));
  }

  @Test
  void shouldConvertTheCohortsOfOneTeam() {
    MetricsFilter emea = new MetricsFilter(JAN, MAR_END, null, "sales-emea", null, null, null);
    // A, B and C became EMEA's MQLs, A and B were accepted, A was won; inquiries are nobody's team's (see below)
    assertThat(metrics.conversions(emea)).extracting(FunnelMetrics.Conversion::entered,
            FunnelMetrics.Conversion::reached, FunnelMetrics.Conversion::rate)
        .containsExactly(tuple(null, null, null), tuple(3L, 2L, 0.6667), tuple(2L, 2L, 1.0), tuple(2L, 1L, 0.5),
            tuple(null, null, null));
  }

  @Test
  void shouldStartATeamsOrRepsFunnelAtMqlAsLeadsHaveNoTeamBeforeTheyAreRouted() {
    // from 4 January: EMEA's MQLs B (6 Jan) and C (5 Jan) inquired before it; only E inquired in it. Counting the
    // inquiries of leads that have EMEA now would show 1 inquiry against 2 MQLs.
    MetricsFilter emea = new MetricsFilter(LocalDate.of(2019, 1, 4), MAR_END, null, "sales-emea", null, null, null);
    assertThat(metrics.volumes(emea)).extracting(FunnelMetrics.Volume::stage, FunnelMetrics.Volume::leads)
        .startsWith(tuple("INQUIRY", null), tuple("MQL", 2L), tuple("SAL", 2L));
    assertThat(metrics.trends(emea)).extracting(FunnelMetrics.Trend::inquiries).containsOnlyNulls();
    assertThat(metrics.trends(emea).get(0).mqls()).isEqualTo(2);
    assertThat(metrics.revenue(emea)).isNotEmpty().allSatisfy(campaign -> {
      assertThat(campaign.inquiries()).isNull();
      assertThat(campaign.costPerLead()).isNull();
    });
    MetricsFilter lena = new MetricsFilter(LocalDate.of(2019, 1, 4), MAR_END, null, null, "lena", null, null);
    assertThat(metrics.volumes(lena).get(0).leads()).isNull();
    assertThat(metrics.conversions(lena).get(0).rate()).isNull();
    // what capture gives a lead (segment, channel, campaign) filters its inquiries as before
    MetricsFilter web = new MetricsFilter(LocalDate.of(2019, 1, 4), MAR_END, null, null, null, "WEB", null);
    assertThat(metrics.volumes(web).get(0).leads()).isEqualTo(2L);
  }

  @Test
  void shouldCountALeadInThePeriodItFirstReachedAStage() {
    // F became an MQL on 2 March 2018, was recycled to nurturing, came back as an MQL on 20 March and was accepted
    UUID f = history.lead("SMB", "sales-americas", "rita", "WEB", null, "2018-03-01T00:00:00Z", "SAL");
    history.stage(f, null, "INQUIRY", "2018-03-01T00:00:00Z", "system", null)
        .stage(f, "INQUIRY", "MQL", "2018-03-02T00:00:00Z", "system", null)
        .stage(f, "MQL", "NURTURE", "2018-03-05T00:00:00Z", "rita", "Too early")
        .stage(f, "NURTURE", "MQL", "2018-03-20T00:00:00Z", "system", null)
        .stage(f, "MQL", "SAL", "2018-03-21T00:00:00Z", "rita", null);
    MetricsFilter march = new MetricsFilter(LocalDate.of(2018, 3, 1), LocalDate.of(2018, 3, 31), null, null, null,
        null, null);
    assertThat(metrics.volumes(march)).extracting(FunnelMetrics.Volume::leads)
        .containsExactly(1L, 1L, 1L, 0L, 0L, 0L, 0L, 1L);
    assertThat(metrics.conversions(march).get(1)).extracting(FunnelMetrics.Conversion::entered,
        FunnelMetrics.Conversion::reached).containsExactly(1L, 1L);
    MetricsFilter lateMarch = new MetricsFilter(LocalDate.of(2018, 3, 10), LocalDate.of(2018, 3, 31), null, null,
        null, null, null);
    assertThat(metrics.volumes(lateMarch)).extracting(FunnelMetrics.Volume::leads)
        .containsExactly(0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L);
  }

  @Test
  void shouldGiveTheSameFiguresWhateverIsRolledUp() {
    jdbc.update("update leadflow.lead_stage_first set rolled_up = false");
    jdbc.update("delete from leadflow.funnel_day");
    jdbc.update("delete from leadflow.funnel_conversion_day");
    List<FunnelMetrics.Volume> volumes = metrics.volumes(quarter);
    List<FunnelMetrics.Conversion> conversions = metrics.conversions(quarter);
    assertThat(volumes).extracting(FunnelMetrics.Volume::leads).containsExactly(5L, 3L, 2L, 2L, 1L, 1L, 1L, 1L);
    // a few entries at a time, so that a lead's two entries of a conversion are often rolled up apart
    while (rollup.rollUpBatch(3) > 0) {
      assertThat(metrics.volumes(quarter)).isEqualTo(volumes);
      assertThat(metrics.conversions(quarter)).isEqualTo(conversions);
    }
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_stage_first where not rolled_up",
        Long.class)).isZero();
    assertThat(jdbc.queryForObject("select entered from leadflow.funnel_day where day = '2019-01-05' and stage = 'MQL'",
        Long.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select reached from leadflow.funnel_conversion_day where day = '2019-01-01'"
        + " and from_stage = 'INQUIRY' and to_stage = 'WON'", Long.class)).isEqualTo(1);
    assertThat(metrics.conversions(quarter)).isEqualTo(conversions).extracting(FunnelMetrics.Conversion::reached)
        .containsExactly(3L, 2L, 2L, 1L, 1L);
  }

  @Test
  void shouldMeasureMedianAnd80thPercentileOfTheTimeInEachStage() {
    // inquiry: 1, 2, 2, 4 days (E has not left): median 2, p80 = 2 + 0.4 × (4 - 2) = 2.8
    // SAL: 4 and 8 days: median 6, p80 = 4 + 0.8 × 4 = 7.2; lead to close: A, 17 days
    assertThat(metrics.velocity(quarter)).extracting(FunnelMetrics.Velocity::stage,
            FunnelMetrics.Velocity::measured, FunnelMetrics.Velocity::medianDays, FunnelMetrics.Velocity::p80Days)
        .containsExactly(tuple("INQUIRY", 4L, 2.0, 2.8), tuple("MQL", 3L, 1.0, 1.0), tuple("SAL", 2L, 6.0, 7.2),
            tuple("SQL", 2L, 10.0, 10.0), tuple("LEAD_TO_CLOSE", 1L, 17.0, 17.0));
  }

  @Test
  void shouldShareTheStepsDoneWithinTheirDeadline() {
    // of the three MQLs only C's route was unclear: A and B had no review to be late with
    assertThat(metrics.slaCompliance(quarter, FunnelMetrics.SlaGrouping.STEP)).extracting(
            FunnelMetrics.SlaCompliance::step, FunnelMetrics.SlaCompliance::due,
            FunnelMetrics.SlaCompliance::breached, FunnelMetrics.SlaCompliance::compliance)
        .containsExactly(tuple("MQL_REVIEW", 1L, 0L, 1.0), tuple("ACCEPTANCE", 3L, 1L, 0.6667),
            tuple("FIRST_CONTACT", 2L, 1L, 0.5), tuple("OPPORTUNITY_STAGE", 2L, 0L, 1.0));
  }

  @Test
  void shouldReportByTeamAndRepOnlyTheStepsOfTheSalesTeams() {
    // no breach is ever recorded for the follow-up cadence, and MQL review is marketing ops': neither may pass for a
    // team's or rep's 100 %
    assertThat(metrics.slaCompliance(quarter, FunnelMetrics.SlaGrouping.TEAM))
        .extracting(FunnelMetrics.SlaCompliance::step)
        .containsOnly("ACCEPTANCE", "FIRST_CONTACT", "OPPORTUNITY_STAGE");
    assertThat(metrics.slaCompliance(quarter, FunnelMetrics.SlaGrouping.REP))
        .extracting(FunnelMetrics.SlaCompliance::step)
        .containsOnly("ACCEPTANCE", "FIRST_CONTACT", "OPPORTUNITY_STAGE");
  }

  @Test
  void shouldMeasureTheMqlReviewOnlyOnTheLeadsThatHadIt() {
    // Given: two hand-raisers qualify on 10 May 2017; Germany routes to EMEA, Japan has no territory and goes to
    // marketing ops' review, which nobody does in time
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2017-05-10T08:00:00Z")));
    try {
      driver.handRaiser("routed@review-2017.example", "DE");
      UUID unrouted = driver.handRaiser("unrouted@review-2017.example", "JP");
      driver.runDueJobs();
      Task review = driver.task(driver.instance(unrouted), LeadLifecycle.Elements.TASK_REVIEW_MQL);

      // When: its deadline passes
      driver.waitUntil(review.getDueDate().toInstant().plus(Duration.ofMinutes(5)));

      // Then: one review was due and it was late; the routed lead had none
      MetricsFilter may = new MetricsFilter(LocalDate.of(2017, 5, 1), LocalDate.of(2017, 5, 31), null, null, null,
          null, null);
      assertThat(metrics.slaCompliance(may, FunnelMetrics.SlaGrouping.STEP))
          .filteredOn(row -> row.step().equals("MQL_REVIEW"))
          .extracting(FunnelMetrics.SlaCompliance::due, FunnelMetrics.SlaCompliance::breached,
              FunnelMetrics.SlaCompliance::compliance)
          .containsExactly(tuple(1L, 1L, 0.0));
    } finally {
      ClockUtil.reset();
      driver.cleanUp(jdbc);
    }
  }

  @Test
  void shouldCountABreachAgainstTheRepAndTeamThatMissedIt() {
    // C's acceptance breach is sam's although C now belongs to lena
    assertThat(metrics.slaCompliance(quarter, FunnelMetrics.SlaGrouping.REP))
        .filteredOn(row -> row.step().equals("ACCEPTANCE"))
        .extracting(FunnelMetrics.SlaCompliance::rep, FunnelMetrics.SlaCompliance::due,
            FunnelMetrics.SlaCompliance::breached, FunnelMetrics.SlaCompliance::compliance)
        .containsExactly(tuple("lena", 1L, 0L, 1.0), tuple("sam", 2L, 1L, 0.5));
    assertThat(metrics.slaCompliance(quarter, FunnelMetrics.SlaGrouping.TEAM))
        .filteredOn(row -> row.step().equals("FIRST_CONTACT"))
        .extracting(FunnelMetrics.SlaCompliance::team, FunnelMetrics.SlaCompliance::compliance)
        .containsExactly(tuple("sales-emea", 0.5));
  }

  @Test
  void shouldCountABreachOnlyInTheCaseItFellDueIn() {
    // Given: in January sam missed the first contact of J; recycled, J came back in April, sam let its acceptance
    // breach, lena accepted it and contacted it within an hour
    UUID j = history.lead("MID_MARKET", "sales-emea", "lena", "WEB", null, "2016-01-02T00:00:00Z", "SAL");
    history.stage(j, null, "INQUIRY", "2016-01-02T00:00:00Z", "system", null)
        .stage(j, "INQUIRY", "MQL", "2016-01-03T00:00:00Z", "system", null)
        .stage(j, "MQL", "SAL", "2016-01-04T00:00:00Z", "sam", null)
        .breach(j, "FIRST_CONTACT", "sam", "sales-emea", "2016-01-04T17:00:00Z", "2016-01-04T17:00:00Z")
        .contactAttempt(j, "2016-01-06T00:00:00Z", "sam")
        .stage(j, "SAL", "NURTURE", "2016-01-20T00:00:00Z", "sam", "No project yet")
        .stage(j, "NURTURE", "MQL", "2016-04-02T00:00:00Z", "system", null)
        .breach(j, "ACCEPTANCE", "sam", "sales-emea", "2016-04-02T10:00:00Z", "2016-04-02T10:00:00Z")
        .stage(j, "MQL", "SAL", "2016-04-03T00:00:00Z", "lena", null)
        .contactAttempt(j, "2016-04-03T00:30:00Z", "lena");
    MetricsFilter first = new MetricsFilter(LocalDate.of(2016, 1, 1), LocalDate.of(2016, 3, 31), null, null, null,
        null, null);
    MetricsFilter second = new MetricsFilter(LocalDate.of(2016, 4, 1), LocalDate.of(2016, 6, 30), null, null, null,
        null, null);

    // Then: each quarter counts the breach of its own pass through the funnel, not the other quarter's
    assertThat(metrics.slaCompliance(first, FunnelMetrics.SlaGrouping.STEP))
        .filteredOn(row -> List.of("ACCEPTANCE", "FIRST_CONTACT").contains(row.step()))
        .extracting(FunnelMetrics.SlaCompliance::step, FunnelMetrics.SlaCompliance::due,
            FunnelMetrics.SlaCompliance::breached)
        .containsExactly(tuple("ACCEPTANCE", 1L, 0L), tuple("FIRST_CONTACT", 1L, 1L));
    assertThat(metrics.slaCompliance(second, FunnelMetrics.SlaGrouping.STEP))
        .filteredOn(row -> List.of("ACCEPTANCE", "FIRST_CONTACT").contains(row.step()))
        .extracting(FunnelMetrics.SlaCompliance::step, FunnelMetrics.SlaCompliance::due,
            FunnelMetrics.SlaCompliance::breached, FunnelMetrics.SlaCompliance::compliance)
        .containsExactly(tuple("ACCEPTANCE", 1L, 1L, 0.0), tuple("FIRST_CONTACT", 1L, 0L, 1.0));
    assertThat(metrics.slaCompliance(second, FunnelMetrics.SlaGrouping.TEAM))
        .filteredOn(row -> row.step().equals("FIRST_CONTACT"))
        .extracting(FunnelMetrics.SlaCompliance::team, FunnelMetrics.SlaCompliance::compliance)
        .containsExactly(tuple("sales-emea", 1.0));
  }

  @Test
  void shouldDistributeTheTimeToFirstContact() {
    FunnelMetrics.FirstContactReport report = metrics.firstContact(quarter);
    // A after 2 hours, B after 48: median 25, p80 = 2 + 0.8 × 46 = 38.8
    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.contacted()).isEqualTo(2);
    assertThat(report.medianHours()).isEqualTo(25.0);
    assertThat(report.p80Hours()).isEqualTo(38.8);
    assertThat(report.buckets()).extracting(FunnelMetrics.FirstContact::leads).containsExactly(0L, 1L, 0L, 1L, 0L,
        0L);
  }

  @Test
  void shouldCountOnlyAContactAttemptOfTheSameAcceptance() {
    // Given: K, accepted in January, was never contacted; recycled, it started a new cycle in March, was accepted
    // again and contacted at once. L, accepted in January and never contacted either, was called in its next cycle
    // before anyone accepted it again
    UUID k = history.lead("MID_MARKET", "sales-emea", "lena", "WEB", null, "2015-01-02T00:00:00Z", "SAL");
    history.stage(k, null, "INQUIRY", "2015-01-02T00:00:00Z", "system", null)
        .stage(k, "INQUIRY", "MQL", "2015-01-03T00:00:00Z", "system", null)
        .stage(k, "MQL", "SAL", "2015-01-05T00:00:00Z", "lena", null)
        .stage(k, "SAL", "NURTURE", "2015-01-20T00:00:00Z", "lena", "No project yet")
        .newCycle(k, "2015-03-01T00:00:00Z", 2)
        .stage(k, "NURTURE", "MQL", "2015-03-01T00:00:00Z", "system", null)
        .stage(k, "MQL", "SAL", "2015-03-02T00:00:00Z", "lena", null)
        .contactAttempt(k, "2015-03-02T01:00:00Z", "lena", 2);
    UUID l = history.lead("MID_MARKET", "sales-emea", "sam", "WEB", null, "2015-01-02T00:00:00Z", "MQL");
    history.stage(l, null, "INQUIRY", "2015-01-02T00:00:00Z", "system", null)
        .stage(l, "INQUIRY", "MQL", "2015-01-03T00:00:00Z", "system", null)
        .stage(l, "MQL", "SAL", "2015-01-06T00:00:00Z", "sam", null)
        .stage(l, "SAL", "NURTURE", "2015-01-25T00:00:00Z", "sam", "No project yet")
        .newCycle(l, "2015-03-10T00:00:00Z", 2)
        .stage(l, "NURTURE", "MQL", "2015-03-10T00:00:00Z", "system", null)
        .contactAttempt(l, "2015-03-12T00:00:00Z", "sam", 2);

    // When
    FunnelMetrics.FirstContactReport january = metrics.firstContact(new MetricsFilter(LocalDate.of(2015, 1, 1),
        LocalDate.of(2015, 1, 31), null, null, null, null, null));
    FunnelMetrics.FirstContactReport march = metrics.firstContact(new MetricsFilter(LocalDate.of(2015, 3, 1),
        LocalDate.of(2015, 3, 31), null, null, null, null, null));

    // Then: January's acceptances were never contacted; K's March acceptance was, within the hour
    assertThat(january.accepted()).isEqualTo(2);
    assertThat(january.contacted()).isZero();
    assertThat(january.buckets()).extracting(FunnelMetrics.FirstContact::leads).containsExactly(0L, 0L, 0L, 0L, 0L,
        2L);
    assertThat(march.accepted()).isEqualTo(1);
    assertThat(march.medianHours()).isEqualTo(1.0);
  }

  @Test
  void shouldShowEachRepsAdherence() {
    assertThat(metrics.reps(quarter)).filteredOn(rep -> List.of("sam", "lena", "rita").contains(rep.rep()))
        .extracting(FunnelMetrics.RepAdherence::rep, FunnelMetrics.RepAdherence::accepted,
            FunnelMetrics.RepAdherence::rejected, FunnelMetrics.RepAdherence::reassignedByBreach,
            FunnelMetrics.RepAdherence::contactAttempts, FunnelMetrics.RepAdherence::leadsContacted,
            FunnelMetrics.RepAdherence::attemptsPerLead)
        .containsExactly(tuple("lena", 1L, 1L, 0L, 2L, 1L, 2.0), tuple("rita", 0L, 0L, 0L, 0L, 0L, null),
            tuple("sam", 1L, 0L, 1L, 1L, 1L, 1.0));
  }

  @Test
  void shouldListLostAndDisqualificationReasons() {
    assertThat(metrics.reasons(quarter)).extracting(FunnelMetrics.Reason::kind, FunnelMetrics.Reason::reason,
            FunnelMetrics.Reason::count)
        .containsExactly(tuple("DISQUALIFIED", "Student", 1L), tuple("LOST", "Price", 1L),
            tuple("LOST_TO", "Acme", 1L));
  }

  @Test
  void shouldRelateRevenueAndCostToEachCampaign() {
    assertThat(metrics.revenue(quarter)).extracting(FunnelMetrics.CampaignRevenue::campaign,
            FunnelMetrics.CampaignRevenue::inquiries, FunnelMetrics.CampaignRevenue::mqls,
            FunnelMetrics.CampaignRevenue::wonDeals, FunnelMetrics.CampaignRevenue::wonRevenue,
            FunnelMetrics.CampaignRevenue::cost, FunnelMetrics.CampaignRevenue::costPerLead,
            FunnelMetrics.CampaignRevenue::costPerMql)
        .containsExactly(
            tuple("C1", 3L, 2L, 1L, new BigDecimal("10000.00"), new BigDecimal("3000.00"), new BigDecimal("1000.00"),
                new BigDecimal("1500.00")),
            tuple("(none)", 1L, 0L, 0L, new BigDecimal("0"), null, null, null),
            tuple("C2", 1L, 1L, 0L, new BigDecimal("0"), new BigDecimal("500.00"), new BigDecimal("500.00"),
                new BigDecimal("500.00")));
  }

  @Test
  void shouldShowTheTrendMonthByMonth() {
    assertThat(metrics.trends(quarter)).extracting(FunnelMetrics.Trend::month, FunnelMetrics.Trend::inquiries,
            FunnelMetrics.Trend::mqls, FunnelMetrics.Trend::sals, FunnelMetrics.Trend::won,
            FunnelMetrics.Trend::mqlToSal, FunnelMetrics.Trend::salToSql, FunnelMetrics.Trend::medianDaysToClose)
        .containsExactly(tuple(JAN, 5L, 3L, 2L, 1L, 0.6667, 1.0, 17.0),
            tuple(LocalDate.of(2019, 2, 1), 0L, 0L, 0L, 0L, null, null, null),
            tuple(LocalDate.of(2019, 3, 1), 0L, 0L, 0L, 0L, null, null, null));
  }

  @Test
  void shouldAnswerAnEmptyPeriodWithZerosAndNoRatios() {
    assertThat(metrics.volumes(empty)).extracting(FunnelMetrics.Volume::leads).containsOnly(0L);
    assertThat(metrics.conversions(empty)).extracting(FunnelMetrics.Conversion::entered,
        FunnelMetrics.Conversion::rate).containsOnly(tuple(0L, null));
    assertThat(metrics.velocity(empty)).extracting(FunnelMetrics.Velocity::measured,
        FunnelMetrics.Velocity::medianDays, FunnelMetrics.Velocity::p80Days).containsOnly(tuple(0L, null, null));
    assertThat(metrics.slaCompliance(empty, FunnelMetrics.SlaGrouping.STEP)).extracting(
        FunnelMetrics.SlaCompliance::due, FunnelMetrics.SlaCompliance::compliance).containsOnly(tuple(0L, null));
    FunnelMetrics.FirstContactReport firstContact = metrics.firstContact(empty);
    assertThat(firstContact.accepted()).isZero();
    assertThat(firstContact.medianHours()).isNull();
    assertThat(metrics.reasons(empty)).isEmpty();
    assertThat(metrics.revenue(empty)).isEmpty();
    assertThat(metrics.trends(empty)).extracting(FunnelMetrics.Trend::inquiries, FunnelMetrics.Trend::mqlToSal)
        .containsExactly(tuple(0L, null));
  }
}
