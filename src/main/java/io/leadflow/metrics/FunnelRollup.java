package io.leadflow.metrics;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds the leads' first stage entries ({@code lead_stage_first}) to the per-day funnel figures ({@code funnel_day},
 * {@code funnel_conversion_day}), every {@code leadflow.metrics.rollup-interval}, a batch at a time, on one node at a
 * time. A figure adds the days of its period and the entries not rolled up yet, so it is exact at any moment; the
 * rollup only keeps the second part small.
 *
 * <p>A batch takes every pending entry of the leads it takes, and a conversion (a lead that first reached {@code from}
 * and then {@code to}) is counted once: with its first entry, or with its second if the first was counted before.
 */
@Component
public class FunnelRollup implements SmartInitializingSingleton, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(FunnelRollup.class);
  /** Several nodes: one rolls up at a time. */
  private static final long LOCK = 0x1EADF1065749L;
  /** Leads per batch: their entries, a few each, are rolled up in one transaction. */
  private static final int BATCH = 10_000;

  /** The conversions as a {@code values} list {@code p(from_stage, to_stage)}; constants, not input. */
  static final String PAIRS = FunnelMetrics.CONVERSIONS.stream()
      .map(pair -> "('" + pair.get(0) + "', '" + pair.get(1) + "')")
      .collect(Collectors.joining(", ", "(values ", ") p(from_stage, to_stage)"));

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final MetricsProperties properties;
  private final ScheduledExecutorService roller = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "leadflow-funnel-rollup");
    thread.setDaemon(true);
    return thread;
  });

  FunnelRollup(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
      MetricsProperties properties) {
    this.jdbc = jdbc;
    // its own transaction, also when called inside another (the demo-history generator): see rollUpBatch
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
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
    Integer rolled = transaction.execute(status -> {
      jdbc.getJdbcTemplate().queryForObject("select pg_advisory_xact_lock(?)::text", String.class, LOCK);
      // every access here is by key and bounded by the batch; while a bulk load grows the table faster than its
      // statistics, a plan that scans it once per entry would run for hours
      jdbc.getJdbcTemplate().execute("set local enable_seqscan = off");
      // the other parts of a data-modifying "with" see the rows as before the update: the batch still pending
      return jdbc.queryForObject("""
          with batch as (
            update leadflow.lead_stage_first f set rolled_up = true
            where not f.rolled_up and f.lead_id in (select distinct lead_id from leadflow.lead_stage_first
              where not rolled_up order by lead_id limit :leads)
            returning f.lead_id, f.stage, f.entered_at),
          %s,
          entered as (
            insert into leadflow.funnel_day as d (day, stage, entered)
            select (entered_at at time zone 'UTC')::date, stage, count(*) from batch group by 1, 2
            on conflict (day, stage) do update set entered = d.entered + excluded.entered),
          reached as (
            insert into leadflow.funnel_conversion_day as d (day, from_stage, to_stage, reached)
            select (entered_at at time zone 'UTC')::date, from_stage, to_stage, count(*) from converted
            group by 1, 2, 3
            on conflict (day, from_stage, to_stage) do update set reached = d.reached + excluded.reached)
          select count(distinct lead_id) from batch""".formatted(converted("batch")),
          Map.of("leads", leads), Integer.class);
    });
    return rolled == null ? 0 : rolled;
  }

  /**
   * The CTE {@code converted (entered_at, from_stage, to_stage)}: the conversions not counted yet, given {@code fresh},
   * a CTE of entries not counted yet that holds every such entry of its leads. A conversion is new when its first
   * entry is fresh (its second, fresh or not, is then known), or when its second is fresh and its first was counted.
   * Both halves look the other entry up by its key, so the cost follows the fresh entries, not the millions counted.
   */
  static String converted(String fresh) {
    return """
        converted as (
          select a.entered_at, p.from_stage, p.to_stage
          from %1$s join %2$s a on a.stage = p.from_stage
          join leadflow.lead_stage_first b on b.lead_id = a.lead_id and b.stage = p.to_stage
            and b.entered_at >= a.entered_at
          union all
          select a.entered_at, p.from_stage, p.to_stage
          from %1$s join %2$s b on b.stage = p.to_stage
          join leadflow.lead_stage_first a on a.lead_id = b.lead_id and a.stage = p.from_stage and a.rolled_up
            and b.entered_at >= a.entered_at)""".formatted(PAIRS, fresh);
  }

  @Override
  public void destroy() {
    roller.shutdownNow();
  }
}
