package io.leadflow.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The funnel figures, each one aggregated by PostgreSQL from the stage history, activities, opportunities and SLA
 * breaches: the rows never travel to Java. Volumes and conversions over all leads add up per-day figures kept by
 * {@link FunnelRollup} (and the few entries of the last seconds), so that they cost the same on a thousand leads and
 * on millions.
 *
 * <p>Volumes count a lead in the period in which it first reached a stage (a lead back in MQL after nurturing is
 * counted on its first MQL). Conversion is cohort based: of the leads that first reached a stage in the period, how
 * many have reached the next one since. Time in a stage counts every stay that began in the period and has ended.
 */
@Service
@Transactional(readOnly = true)
public class FunnelMetrics {

  /** The stages a volume is reported for, in funnel order; NURTURE is "recycled". */
  static final List<String> VOLUME_STAGES = List.of("INQUIRY", "MQL", "SAL", "SQL", "WON", "LOST", "DISQUALIFIED",
      "NURTURE");
  static final List<List<String>> CONVERSIONS = List.of(List.of("INQUIRY", "MQL"), List.of("MQL", "SAL"),
      List.of("SAL", "SQL"), List.of("SQL", "WON"), List.of("INQUIRY", "WON"));
  static final List<String> TIMED_STAGES = List.of("INQUIRY", "MQL", "SAL", "SQL");
  /**
   * The steps SLA compliance is reported for, in the order the lifecycle reaches them. Not FOLLOW_UP: when its
   * cadence ends the lifecycle recycles the lead to nurture and records no breach, so it would always show 100 %.
   */
  static final List<MeasuredStep> SLA_STEPS = List.of(
      // only an unclear route gives marketing ops the review task: routing then records an owner change naming
      // neither team nor rep. Marketing ops' step, whose breaches name no sales team or rep: measured by step only
      new MeasuredStep("MQL_REVIEW", "MQL", """
          select lead_id, occurred_at as at from leadflow.lead_activity
          where type = 'OWNER_CHANGE' and subject is null""", false),
      // offered for acceptance once per pass through MQL: a late offer and the acceptance that follows are one case
      new MeasuredStep("ACCEPTANCE", "MQL", stageEntries("SAL"), true),
      new MeasuredStep("FIRST_CONTACT", "SAL", stageEntries("SAL"), true),
      new MeasuredStep("OPPORTUNITY_STAGE", "SQL", stageEntries("SQL"), true));

  private static final double HOUR = 3600;
  private static final double DAY = 86400;

  private final NamedParameterJdbcTemplate jdbc;
  private final FunnelRollup rollup;

  FunnelMetrics(NamedParameterJdbcTemplate jdbc, FunnelRollup rollup) {
    this.jdbc = jdbc;
    this.rollup = rollup;
  }

  /** {@code leads} is null where the filter cannot be applied to the stage (see {@link #attributable}). */
  public record Volume(String stage, Long leads) {
  }

  /** {@code entered} and {@code reached} are null where the filter cannot be applied to the from-stage. */
  public record Conversion(String fromStage, String toStage, Long entered, Long reached, Double rate) {
  }

  public record Velocity(String stage, long measured, Double medianDays, Double p80Days) {
  }

  public record SlaCompliance(String step, String team, String rep, long due, long breached, Double compliance) {
  }

  public record FirstContact(String bucket, long leads) {
  }

  public record RepAdherence(String rep, String team, long accepted, long rejected, long reassignedByBreach,
      long contactAttempts, long leadsContacted, Double attemptsPerLead) {
  }

  public record Reason(String kind, String reason, long count) {
  }

  public record CampaignRevenue(String campaign, Long inquiries, long mqls, long wonDeals, BigDecimal wonRevenue,
      BigDecimal cost, BigDecimal costPerLead, BigDecimal costPerMql) {
  }

  public record Trend(LocalDate month, Long inquiries, long mqls, long sals, long sqls, long won, Double mqlToSal,
      Double salToSql, Double medianDaysToClose) {
  }

  /**
   * Whether the filter applies to a stage. A lead gets its team and rep when it is routed, as an MQL: before that it
   * belongs to no team, so a team or rep filter cannot count inquiries; it would count only those routed to the team
   * later, fewer than the team's MQLs whenever some of them inquired before the period. A team's or rep's funnel
   * starts at MQL.
   */
  static boolean attributable(MetricsFilter filter, String stage) {
    return !("INQUIRY".equals(stage) && filter.byRouting());
  }

  /** How many leads first reached each stage in the period. */
  public List<Volume> volumes(MetricsFilter filter) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (filter.allLeads()) {
      counts.putAll(rollup.figures(filter.from(), filter.to()).entered());
    } else {
      Map<String, Object> parameters = filter.parameters();
      String condition = filter.leadCondition(parameters);
      parameters.put("stages", VOLUME_STAGES);
      jdbc.query("""
          select f.stage, count(*) as leads
          from leadflow.lead_stage_first f join leadflow.lead l on l.id = f.lead_id
          where f.stage in (:stages) and f.entered_at >= :start and f.entered_at < :end and %s
          group by f.stage""".formatted(condition), parameters, row -> {
            counts.put(row.getString("stage"), row.getLong("leads"));
          });
    }
    return VOLUME_STAGES.stream().map(stage -> new Volume(stage,
        attributable(filter, stage) ? counts.getOrDefault(stage, 0L) : null)).toList();
  }

  /** Of the leads that first reached a stage in the period, how many have first reached the next one since. */
  public List<Conversion> conversions(MetricsFilter filter) {
    Map<List<String>, long[]> counts = new LinkedHashMap<>();
    if (filter.allLeads()) {
      FunnelRollup.Figures figures = rollup.figures(filter.from(), filter.to());
      CONVERSIONS.forEach(pair -> counts.put(pair, new long[] {figures.entered().getOrDefault(pair.get(0), 0L),
          figures.reached().getOrDefault(pair, 0L)}));
    } else {
      Map<String, Object> parameters = filter.parameters();
      String condition = filter.leadCondition(parameters);
      String pairs = CONVERSIONS.stream().map(pair -> "('" + pair.get(0) + "', '" + pair.get(1) + "')")
          .collect(Collectors.joining(", "));
      jdbc.query("""
          select p.from_stage, p.to_stage, count(a.lead_id) as entered, count(b.lead_id) as reached
          from (values %2$s) p(from_stage, to_stage)
          left join (leadflow.lead_stage_first a join leadflow.lead l on l.id = a.lead_id)
            on a.stage = p.from_stage and a.entered_at >= :start and a.entered_at < :end and %1$s
          left join leadflow.lead_stage_first b
            on b.lead_id = a.lead_id and b.stage = p.to_stage and b.entered_at >= a.entered_at
          group by p.from_stage, p.to_stage""".formatted(condition, pairs), parameters, row -> {
            counts.put(List.of(row.getString("from_stage"), row.getString("to_stage")),
                new long[] {row.getLong("entered"), row.getLong("reached")});
          });
    }
    return CONVERSIONS.stream().map(pair -> {
      long[] count = counts.get(pair);
      return attributable(filter, pair.get(0))
          ? new Conversion(pair.get(0), pair.get(1), count[0], count[1], ratio(count[1], count[0]))
          : new Conversion(pair.get(0), pair.get(1), null, null, null);
    }).toList();
  }

  /** Median and 80th percentile of the time in each stage, and from the lead's creation to a won deal. */
  public List<Velocity> velocity(MetricsFilter filter) {
    Map<String, Object> parameters = filter.parameters();
    String sql = """
        select s.stage, count(*) as measured,
          percentile_cont(0.5) within group (order by s.seconds) as median,
          percentile_cont(0.8) within group (order by s.seconds) as p80
        from (select c.to_stage as stage, extract(epoch from (select min(n.changed_at)
            from leadflow.lead_stage_change n where n.lead_id = c.lead_id and n.changed_at > c.changed_at)
            - c.changed_at) as seconds
          from leadflow.lead_stage_change c join leadflow.lead l on l.id = c.lead_id
          where c.to_stage in (:stages) and c.changed_at >= :start and c.changed_at < :end and %1$s) s
        where s.seconds is not null
        group by s.stage
        union all
        select 'LEAD_TO_CLOSE', count(*), percentile_cont(0.5) within group (order by w.seconds),
          percentile_cont(0.8) within group (order by w.seconds)
        from (select extract(epoch from c.changed_at - l.created_at) as seconds
          from leadflow.lead_stage_change c join leadflow.lead l on l.id = c.lead_id
          where c.to_stage = 'WON' and c.changed_at >= :start and c.changed_at < :end and %1$s) w
        """.formatted(filter.leadCondition(parameters));
    parameters.put("stages", TIMED_STAGES);
    Map<String, Velocity> byStage = new LinkedHashMap<>();
    jdbc.query(sql, parameters, row -> {
      String stage = row.getString("stage");
      byStage.put(stage, new Velocity(stage, row.getLong("measured"), days(row.getObject("median")),
          days(row.getObject("p80"))));
    });
    List<Velocity> velocity = new ArrayList<>();
    for (String stage : TIMED_STAGES) {
      velocity.add(byStage.getOrDefault(stage, new Velocity(stage, 0, null, null)));
    }
    velocity.add(byStage.get("LEAD_TO_CLOSE"));
    return velocity;
  }

  /**
   * An SLA step as its compliance is counted. Each pass of a lead through {@code clockStage} (from an entry of that
   * stage to the lead's next entry of it) is one case of the step; a breach belongs to the case in which it fell due.
   * {@code dueEvents} selects {@code lead_id} and {@code at}: the events that make a case due when they happen in the
   * period. Only a step of the sales teams ({@code bySales}) is reported by team and rep.
   */
  record MeasuredStep(String step, String clockStage, String dueEvents, boolean bySales) {
  }

  private static String stageEntries(String stage) {
    return "select lead_id, changed_at as at from leadflow.lead_stage_change where to_stage = '" + stage + "'";
  }

  /**
   * Share of each step done within its deadline. A step's due cases are the cases (see {@link MeasuredStep}) with a
   * due event in the period, plus those whose step breached in the period; a case counts as breached only by a breach
   * of its own, not by one of the lead's earlier or later passes. By team or rep, a breach counts against the team and
   * rep it was breached by, even if the lead has moved on to another.
   */
  public List<SlaCompliance> slaCompliance(MetricsFilter filter, SlaGrouping grouping) {
    List<SlaCompliance> rows = new ArrayList<>();
    for (MeasuredStep step : SLA_STEPS) {
      if (grouping != SlaGrouping.STEP && !step.bySales()) {
        continue;
      }
      Map<String, Object> parameters = filter.parameters();
      String condition = filter.leadCondition(parameters);
      // a case starts at the lead's last entry of the clock stage up to the event (none: before the first entry)
      String sql = """
          with due as (
            select e.lead_id, e.at, %1$s as key
            from (%5$s) e join leadflow.lead l on l.id = e.lead_id
            where e.at >= :start and e.at < :end and %3$s
            union all
            select b.lead_id, b.due_at, %2$s
            from leadflow.sla_breach b join leadflow.lead l on l.id = b.lead_id
            where b.step = :step and b.breached_at >= :start and b.breached_at < :end and %3$s),
          cases as (
            select distinct d.lead_id, d.key, s.started_at
            from due d cross join lateral (select max(w.changed_at) as started_at
              from leadflow.lead_stage_change w
              where w.lead_id = d.lead_id and w.to_stage = :clockStage and w.changed_at <= d.at) s)
          select c.key, count(*) as due,
            count(*) filter (where exists (select 1 from leadflow.sla_breach b where b.lead_id = c.lead_id
              and b.step = :step and %4$s and b.due_at >= coalesce(c.started_at, '-infinity'::timestamptz)
              and not exists (select 1 from leadflow.lead_stage_change w where w.lead_id = c.lead_id
                and w.to_stage = :clockStage and w.changed_at > coalesce(c.started_at, '-infinity'::timestamptz)
                and w.changed_at <= b.due_at))) as breached
          from cases c group by c.key order by c.key""".formatted(grouping.leadColumn, grouping.breachColumn,
          condition, grouping.breachMatch, step.dueEvents());
      parameters.put("clockStage", step.clockStage());
      parameters.put("step", step.step());
      jdbc.query(sql, parameters, row -> {
        long due = row.getLong("due");
        long breached = row.getLong("breached");
        String key = row.getString("key");
        rows.add(new SlaCompliance(step.step(), grouping == SlaGrouping.TEAM ? key : null,
            grouping == SlaGrouping.REP ? key : null, due, breached, ratio(due - breached, due)));
      });
      if (grouping == SlaGrouping.STEP && rows.stream().noneMatch(row -> row.step().equals(step.step()))) {
        rows.add(new SlaCompliance(step.step(), null, null, 0, 0, null));
      }
    }
    return rows;
  }

  /** What SLA compliance is grouped by. */
  public enum SlaGrouping {
    STEP("null::varchar", "null::varchar", "true"),
    TEAM("l.team", "b.team", "b.team is not distinct from c.key"),
    REP("l.owner", "b.owner", "b.owner is not distinct from c.key");

    private final String leadColumn;
    private final String breachColumn;
    private final String breachMatch;

    SlaGrouping(String leadColumn, String breachColumn, String breachMatch) {
      this.leadColumn = leadColumn;
      this.breachColumn = breachColumn;
      this.breachMatch = breachMatch;
    }
  }

  /**
   * Time from sales acceptance to the first logged contact attempt, of the leads accepted in the period. Only an
   * attempt of that acceptance counts: in the cycle the lead was in when accepted and before it was accepted again. A
   * cycle's activities carry its number; the lead's cycle at acceptance is that of its last activity by then (every
   * new cycle starts with an inquiry logged in it, so a lead without one is in its first).
   */
  public FirstContactReport firstContact(MetricsFilter filter) {
    Map<String, Object> parameters = filter.parameters();
    String sql = """
        select count(*) as accepted, count(s.seconds) as contacted,
          percentile_cont(0.5) within group (order by s.seconds) as median,
          percentile_cont(0.8) within group (order by s.seconds) as p80,
          count(*) filter (where s.seconds < 3600) as within_1h,
          count(*) filter (where s.seconds >= 3600 and s.seconds < 4 * 3600) as within_4h,
          count(*) filter (where s.seconds >= 4 * 3600 and s.seconds < 86400) as within_1d,
          count(*) filter (where s.seconds >= 86400 and s.seconds < 3 * 86400) as within_3d,
          count(*) filter (where s.seconds >= 3 * 86400) as later
        from (select extract(epoch from (select min(a.occurred_at) from leadflow.lead_activity a
            where a.lead_id = x.lead_id and a.type = 'CONTACT_ATTEMPT' and a.occurred_at >= x.entered_at
              and a.cycle = x.cycle and a.occurred_at < coalesce(x.accepted_again_at, 'infinity'::timestamptz))
            - x.entered_at) as seconds
          from (select y.lead_id, y.entered_at,
              coalesce((select max(p.cycle) from leadflow.lead_activity p
                where p.lead_id = y.lead_id and p.occurred_at <= y.entered_at), 1) as cycle,
              (select min(n.changed_at) from leadflow.lead_stage_change n
                where n.lead_id = y.lead_id and n.to_stage = 'SAL' and n.changed_at > y.entered_at) as accepted_again_at
            from (select c.lead_id, min(c.changed_at) as entered_at
              from leadflow.lead_stage_change c join leadflow.lead l on l.id = c.lead_id
              where c.to_stage = 'SAL' and c.changed_at >= :start and c.changed_at < :end and %s
              group by c.lead_id) y) x) s""".formatted(filter.leadCondition(parameters));
    return jdbc.queryForObject(sql, parameters, (row, index) -> {
      long accepted = row.getLong("accepted");
      long contacted = row.getLong("contacted");
      return new FirstContactReport(accepted, contacted, hours(row.getObject("median")), hours(row.getObject("p80")),
          List.of(new FirstContact("under 1 hour", row.getLong("within_1h")),
              new FirstContact("1 to 4 hours", row.getLong("within_4h")),
              new FirstContact("4 to 24 hours", row.getLong("within_1d")),
              new FirstContact("1 to 3 days", row.getLong("within_3d")),
              new FirstContact("over 3 days", row.getLong("later")),
              new FirstContact("not contacted yet", accepted - contacted)));
    });
  }

  public record FirstContactReport(long accepted, long contacted, Double medianHours, Double p80Hours,
      List<FirstContact> buckets) {
  }

  /**
   * Per rep: leads accepted, rejected back to marketing (an MQL the rep moved anywhere but SAL), taken away by an
   * acceptance breach, and contact attempts logged per contacted lead.
   */
  public List<RepAdherence> reps(MetricsFilter filter) {
    MetricsFilter leads = new MetricsFilter(filter.from(), filter.to(), filter.segment(), filter.team(), null,
        filter.channel(), filter.campaign());
    Map<String, Object> parameters = leads.parameters();
    String condition = leads.leadCondition(parameters);
    String sql = """
        select r.user_id as rep, r.team_id as team,
          (select count(*) from leadflow.lead_stage_change c join leadflow.lead l on l.id = c.lead_id
            where c.changed_by = r.user_id and c.to_stage = 'SAL' and c.changed_at >= :start and c.changed_at < :end
            and %1$s) as accepted,
          (select count(*) from leadflow.lead_stage_change c join leadflow.lead l on l.id = c.lead_id
            where c.changed_by = r.user_id and c.from_stage = 'MQL' and c.to_stage <> 'SAL'
            and c.changed_at >= :start and c.changed_at < :end and %1$s) as rejected,
          (select count(*) from leadflow.sla_breach b join leadflow.lead l on l.id = b.lead_id
            where b.owner = r.user_id and b.step = 'ACCEPTANCE' and b.breached_at >= :start
            and b.breached_at < :end and %1$s) as reassigned,
          a.attempts, a.leads
        from leadflow.sales_rep r
        cross join lateral (select count(*) as attempts, count(distinct a.lead_id) as leads
          from leadflow.lead_activity a join leadflow.lead l on l.id = a.lead_id
          where a.recorded_by = r.user_id and a.type = 'CONTACT_ATTEMPT' and a.occurred_at >= :start
          and a.occurred_at < :end and %1$s) a
        where (cast(:repFilter as varchar) is null or r.user_id = :repFilter)
          and (cast(:teamFilter as varchar) is null or r.team_id = :teamFilter)
        order by r.user_id""".formatted(condition);
    parameters.put("repFilter", blankToNull(filter.rep()));
    parameters.put("teamFilter", blankToNull(filter.team()));
    return jdbc.query(sql, parameters, (row, index) -> new RepAdherence(row.getString("rep"), row.getString("team"),
        row.getLong("accepted"), row.getLong("rejected"), row.getLong("reassigned"), row.getLong("attempts"),
        row.getLong("leads"), ratio(row.getLong("attempts"), row.getLong("leads"))));
  }

  /** Why opportunities were lost and to whom, why leads were disqualified: most frequent first. */
  public List<Reason> reasons(MetricsFilter filter) {
    Map<String, Object> parameters = filter.parameters();
    String sql = """
        select 'LOST' as kind, coalesce(o.lost_reason, '(none given)') as reason, count(*) as n
        from leadflow.opportunity o join leadflow.lead l on l.id = o.lead_id
        where o.stage = 'LOST' and o.closed_at >= :start and o.closed_at < :end and %1$s group by 2
        union all
        select 'LOST_TO', coalesce(o.lost_to, '(unknown)'), count(*)
        from leadflow.opportunity o join leadflow.lead l on l.id = o.lead_id
        where o.stage = 'LOST' and o.closed_at >= :start and o.closed_at < :end and %1$s group by 2
        union all
        select 'DISQUALIFIED', coalesce(c.reason, '(none given)'), count(*)
        from leadflow.lead_stage_change c join leadflow.lead l on l.id = c.lead_id
        where c.to_stage = 'DISQUALIFIED' and c.changed_at >= :start and c.changed_at < :end and %1$s group by 2
        order by 1, 3 desc, 2""".formatted(filter.leadCondition(parameters));
    return jdbc.query(sql, parameters, (row, index) -> new Reason(row.getString("kind"), row.getString("reason"),
        row.getLong("n")));
  }

  /**
   * Per campaign: inquiries, MQLs, won deals and revenue in the period, and its recorded cost for the months the
   * period touches. Every lead Leadflow captures is marketing-sourced, so won revenue here is marketing-sourced
   * revenue. Cost is a campaign's whole cost: the segment, team, rep and channel filters do not divide it.
   */
  public List<CampaignRevenue> revenue(MetricsFilter filter) {
    Map<String, Object> parameters = filter.parameters();
    String condition = filter.leadCondition(parameters);
    String sql = """
        with volume as (
          select coalesce(l.campaign, '(none)') as campaign,
            count(*) filter (where f.stage = 'INQUIRY') as inquiries,
            count(*) filter (where f.stage = 'MQL') as mqls
          from leadflow.lead_stage_first f join leadflow.lead l on l.id = f.lead_id
          where f.stage in ('INQUIRY', 'MQL') and f.entered_at >= :start and f.entered_at < :end and %1$s
          group by 1),
        won as (
          select coalesce(l.campaign, '(none)') as campaign, count(*) as deals, sum(o.amount) as revenue
          from leadflow.opportunity o join leadflow.lead l on l.id = o.lead_id
          where o.stage = 'WON' and o.closed_at >= :start and o.closed_at < :end and %1$s
          group by 1),
        cost as (
          select k.campaign, sum(k.amount) as cost from leadflow.campaign_cost k
          where k.month >= :firstMonth and k.month <= :lastDay
            and (cast(:campaignFilter as varchar) is null or k.campaign = :campaignFilter)
          group by 1),
        campaigns as (select campaign from volume union select campaign from won union select campaign from cost)
        select k.campaign, coalesce(v.inquiries, 0) as inquiries, coalesce(v.mqls, 0) as mqls,
          coalesce(w.deals, 0) as deals, coalesce(w.revenue, 0) as revenue, c.cost
        from campaigns k left join volume v on v.campaign = k.campaign left join won w on w.campaign = k.campaign
          left join cost c on c.campaign = k.campaign
        order by revenue desc, k.campaign""".formatted(condition);
    parameters.put("firstMonth", Date.valueOf(filter.from().withDayOfMonth(1)));
    parameters.put("lastDay", Date.valueOf(filter.to()));
    parameters.put("campaignFilter", blankToNull(filter.campaign()));
    boolean inquiries = attributable(filter, "INQUIRY");
    return jdbc.query(sql, parameters, (row, index) -> {
      BigDecimal cost = row.getBigDecimal("cost");
      long mqls = row.getLong("mqls");
      return new CampaignRevenue(row.getString("campaign"), inquiries ? row.getLong("inquiries") : null, mqls,
          row.getLong("deals"), row.getBigDecimal("revenue"), cost,
          inquiries ? per(cost, row.getLong("inquiries")) : null, per(cost, mqls));
    });
  }

  /** Month by month: volumes, MQL→SAL and SAL→SQL conversion of that month's cohort, median days to close. */
  public List<Trend> trends(MetricsFilter filter) {
    Map<String, Object> parameters = filter.parameters();
    String condition = filter.leadCondition(parameters);
    String sql = """
        with entries as (
          select f.lead_id, f.stage as to_stage, f.entered_at,
            date_trunc('month', f.entered_at at time zone 'UTC')::date as month
          from leadflow.lead_stage_first f join leadflow.lead l on l.id = f.lead_id
          where f.stage in ('INQUIRY', 'MQL', 'SAL', 'SQL', 'WON') and f.entered_at >= :start
            and f.entered_at < :end and %s)
        select e.month,
          count(*) filter (where e.to_stage = 'INQUIRY') as inquiries,
          count(*) filter (where e.to_stage = 'MQL') as mqls,
          count(*) filter (where e.to_stage = 'SAL') as sals,
          count(*) filter (where e.to_stage = 'SQL') as sqls,
          count(*) filter (where e.to_stage = 'WON') as won,
          count(*) filter (where e.to_stage = 'MQL' and exists (select 1 from leadflow.lead_stage_first y
            where y.lead_id = e.lead_id and y.stage = 'SAL' and y.entered_at >= e.entered_at)) as mql_sal,
          count(*) filter (where e.to_stage = 'SAL' and exists (select 1 from leadflow.lead_stage_first y
            where y.lead_id = e.lead_id and y.stage = 'SQL' and y.entered_at >= e.entered_at)) as sal_sql,
          percentile_cont(0.5) within group (order by extract(epoch from e.entered_at - l.created_at))
            filter (where e.to_stage = 'WON') as close_seconds
        from entries e join leadflow.lead l on l.id = e.lead_id
        group by e.month order by e.month""".formatted(condition);
    Map<LocalDate, Trend> byMonth = new TreeMap<>();
    boolean inquiries = attributable(filter, "INQUIRY");
    jdbc.query(sql, parameters, row -> {
      LocalDate month = row.getDate("month").toLocalDate();
      long mqls = row.getLong("mqls");
      long sals = row.getLong("sals");
      byMonth.put(month, new Trend(month, inquiries ? row.getLong("inquiries") : null, mqls, sals,
          row.getLong("sqls"), row.getLong("won"), ratio(row.getLong("mql_sal"), mqls),
          ratio(row.getLong("sal_sql"), sals), days(row.getObject("close_seconds"))));
    });
    List<Trend> trends = new ArrayList<>();
    for (LocalDate month = filter.from().withDayOfMonth(1); !month.isAfter(filter.to()); month = month.plusMonths(1)) {
      trends.add(byMonth.getOrDefault(month, new Trend(month, inquiries ? 0L : null, 0, 0, 0, 0, null, null, null)));
    }
    return trends;
  }

  /** Of {@code part} in {@code whole}, four decimals; none when there is nothing to divide by. */
  static Double ratio(long part, long whole) {
    return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP)
        .doubleValue();
  }

  private static BigDecimal per(BigDecimal cost, long count) {
    return cost == null || count == 0 ? null : cost.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
  }

  private static Double days(Object seconds) {
    return seconds == null ? null : round(((Number) seconds).doubleValue() / DAY);
  }

  private static Double hours(Object seconds) {
    return seconds == null ? null : round(((Number) seconds).doubleValue() / HOUR);
  }

  private static double round(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
