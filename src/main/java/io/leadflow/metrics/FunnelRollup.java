package io.leadflow.metrics;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds the leads' first stage entries ({@code lead_stage_first}) to the per-day funnel figures ({@code funnel_day},
 * {@code funnel_conversion_day}), every {@code leadflow.metrics.rollup-interval}, a batch of leads at a time, on one
 * node at a time. A figure adds the days of its period and the entries not rolled up yet ({@link #figures}), so it is
 * exact at any moment; the rollup only keeps the second part small.
 *
 * <p>Entries are read by lead and counted here, not in one SQL statement: a plan made while a bulk load outgrows the
 * table's statistics once scanned the table for every entry and ran for hours.
 */
@Component
public class FunnelRollup implements SmartInitializingSingleton, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(FunnelRollup.class);
  /** Several nodes: one rolls up at a time. */
  private static final long LOCK = 0x1EADF1065749L;
  /** Leads per batch: their entries, a few each, are rolled up in one transaction. */
  private static final int BATCH = 5_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate writing;
  private final TransactionTemplate reading;
  private final MetricsProperties properties;
  private final ScheduledExecutorService roller = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "leadflow-funnel-rollup");
    thread.setDaemon(true);
    return thread;
  });

  FunnelRollup(JdbcTemplate jdbc, PlatformTransactionManager transactions, MetricsProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
    // own transactions, also when called inside another (the generator, the review's key figures)
    this.writing = new TransactionTemplate(transactions);
    this.writing.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    // the per-day figures and the pending entries from one snapshot: a rollup commits both at once
    this.reading = new TransactionTemplate(transactions);
    this.reading.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.reading.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.reading.setReadOnly(true);
  }

  @Override
  public void afterSingletonsInstantiated() {
    long every = properties.rollupInterval().toMillis();
    roller.scheduleWithFixedDelay(() -> {
      try {
        catchUp();
      } catch (RuntimeException e) {
        LOG.warn("Could not roll up the funnel figures: {}", e.getMessage());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  /** Rolls up batches until none is left; returns of how many leads entries were rolled up. */
  public long catchUp() {
    long total = 0;
    int rolled;
    do {
      rolled = rollUpBatch(BATCH);
      total += rolled;
    } while (rolled == BATCH);
    return total;
  }

  /** Every pending entry of at most {@code leads} leads; returns of how many. Waits for another node's batch. */
  int rollUpBatch(int leads) {
    Integer rolled = writing.execute(status -> {
      jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, LOCK);
      List<UUID> batch = jdbc.queryForList("""
          select distinct lead_id from leadflow.lead_stage_first where not rolled_up order by lead_id limit ?""",
          UUID.class, leads);
      if (batch.isEmpty()) {
        return 0;
      }
      List<Entry> entries = entriesOf("select lead_id, stage, entered_at, rolled_up from leadflow.lead_stage_first"
          + " where lead_id = any(?)", (Object) batch.toArray(UUID[]::new));
      Counts counts = Counts.of(entries, null, null);
      jdbc.batchUpdate("""
          insert into leadflow.funnel_day as d (day, stage, entered) values (?, ?, ?)
          on conflict (day, stage) do update set entered = d.entered + excluded.entered""",
          counts.enteredByDay.entrySet().stream().map(e -> new Object[] {Date.valueOf(e.getKey().day()),
              e.getKey().stage(), e.getValue()}).toList());
      jdbc.batchUpdate("""
          insert into leadflow.funnel_conversion_day as d (day, from_stage, to_stage, reached) values (?, ?, ?, ?)
          on conflict (day, from_stage, to_stage) do update set reached = d.reached + excluded.reached""",
          counts.reachedByDay.entrySet().stream().map(e -> new Object[] {Date.valueOf(e.getKey().day()),
              e.getKey().pair().get(0), e.getKey().pair().get(1), e.getValue()}).toList());
      // exactly the entries counted: one committed since is left for the next batch
      List<Entry> fresh = entries.stream().filter(entry -> !entry.rolledUp()).toList();
      jdbc.update("""
          update leadflow.lead_stage_first f set rolled_up = true
          from unnest(?::uuid[], ?::varchar[]) as c(lead_id, stage)
          where f.lead_id = c.lead_id and f.stage = c.stage""",
          fresh.stream().map(Entry::leadId).toArray(UUID[]::new), fresh.stream().map(Entry::stage)
              .toArray(String[]::new));
      return batch.size();
    });
    return rolled == null ? 0 : rolled;
  }

  /** Leads that first reached each stage in the period, and of them how many reached each conversion's next stage. */
  public record Figures(Map<String, Long> entered, Map<List<String>, Long> reached) {
  }

  /** The period's figures over all leads: its rolled-up days plus the entries not rolled up yet. */
  public Figures figures(LocalDate from, LocalDate to) {
    return reading.execute(status -> {
      Map<String, Long> entered = new HashMap<>();
      jdbc.query("select stage, sum(entered) from leadflow.funnel_day where day >= ? and day <= ? group by stage",
          row -> {
            entered.put(row.getString(1), row.getLong(2));
          }, Date.valueOf(from), Date.valueOf(to));
      Map<List<String>, Long> reached = new HashMap<>();
      jdbc.query("""
          select from_stage, to_stage, sum(reached) from leadflow.funnel_conversion_day where day >= ? and day <= ?
          group by from_stage, to_stage""", row -> {
            reached.put(List.of(row.getString(1), row.getString(2)), row.getLong(3));
          }, Date.valueOf(from), Date.valueOf(to));
      Counts pending = Counts.of(entriesOf("""
          select f.lead_id, f.stage, f.entered_at, f.rolled_up from leadflow.lead_stage_first f
          where f.lead_id in (select lead_id from leadflow.lead_stage_first where not rolled_up)"""), from, to);
      pending.enteredByDay.forEach((key, n) -> entered.merge(key.stage(), n, Long::sum));
      pending.reachedByDay.forEach((key, n) -> reached.merge(key.pair(), n, Long::sum));
      return new Figures(entered, reached);
    });
  }

  private List<Entry> entriesOf(String sql, Object... arguments) {
    return jdbc.query(sql, (row, index) -> new Entry(row.getObject(1, UUID.class), row.getString(2),
        row.getTimestamp(3).toInstant(), row.getBoolean(4)), arguments);
  }

  record Entry(UUID leadId, String stage, Instant enteredAt, boolean rolledUp) {

    LocalDate day() {
      return enteredAt.atZone(ZoneOffset.UTC).toLocalDate();
    }
  }

  private record DayStage(LocalDate day, String stage) {
  }

  private record DayPair(LocalDate day, List<String> pair) {
  }

  /**
   * What the entries not rolled up yet add, given every entry of their leads: each such entry counts as entered on its
   * day, and a conversion counts on the day of its first entry when at least one of its two entries is not rolled up
   * (when both were, it is counted already). Only days from {@code from} to {@code to} when given.
   */
  private record Counts(Map<DayStage, Long> enteredByDay, Map<DayPair, Long> reachedByDay) {

    static Counts of(List<Entry> entries, LocalDate from, LocalDate to) {
      Map<UUID, Map<String, Entry>> byLead = new LinkedHashMap<>();
      entries.forEach(entry -> byLead.computeIfAbsent(entry.leadId(), id -> new HashMap<>()).put(entry.stage(),
          entry));
      Counts counts = new Counts(new LinkedHashMap<>(), new LinkedHashMap<>());
      for (Map<String, Entry> lead : byLead.values()) {
        for (Entry entry : lead.values()) {
          if (!entry.rolledUp() && within(entry.day(), from, to)) {
            counts.enteredByDay.merge(new DayStage(entry.day(), entry.stage()), 1L, Long::sum);
          }
        }
        for (List<String> pair : FunnelMetrics.CONVERSIONS) {
          Entry first = lead.get(pair.get(0));
          Entry next = lead.get(pair.get(1));
          if (first != null && next != null && !next.enteredAt().isBefore(first.enteredAt())
              && (!first.rolledUp() || !next.rolledUp()) && within(first.day(), from, to)) {
            counts.reachedByDay.merge(new DayPair(first.day(), pair), 1L, Long::sum);
          }
        }
      }
      return counts;
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
      return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }
  }

  @Override
  public void destroy() {
    roller.shutdownNow();
  }
}
