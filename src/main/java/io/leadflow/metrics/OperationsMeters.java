package io.leadflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Leadflow's figures for Prometheus (/actuator/prometheus): gauges read from the database once a minute, so that
 * every node reports the same totals and a restart loses nothing, unlike in-memory counters.
 * <ul>
 *   <li>{@code leadflow_leads} by {@code channel}: leads received;</li>
 *   <li>{@code leadflow_mqls}: leads that ever became marketing-qualified;</li>
 *   <li>{@code leadflow_sla_breaches} by {@code step}: deadlines missed;</li>
 *   <li>{@code leadflow_tasks_open} by lead {@code stage} and {@code age} (under 1 day, 1 to 3 days, over 3 days);</li>
 *   <li>{@code leadflow_incidents_open} by {@code type} (slaBreach, stuckLead, failedJob, …).</li>
 * </ul>
 */
@Component
class OperationsMeters implements SmartInitializingSingleton, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(OperationsMeters.class);

  private final JdbcTemplate jdbc;
  private final MultiGauge leads;
  private final MultiGauge mqls;
  private final MultiGauge breaches;
  private final MultiGauge tasks;
  private final MultiGauge incidents;
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "leadflow-meters");
    thread.setDaemon(true);
    return thread;
  });

  OperationsMeters(JdbcTemplate jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    leads = MultiGauge.builder("leadflow.leads").description("Leads received, by source channel").register(registry);
    mqls = MultiGauge.builder("leadflow.mqls").description("Leads that became marketing-qualified").register(registry);
    breaches = MultiGauge.builder("leadflow.sla.breaches").description("SLA deadlines missed, by step")
        .register(registry);
    tasks = MultiGauge.builder("leadflow.tasks.open").description("Open user tasks, by lead stage and age")
        .register(registry);
    incidents = MultiGauge.builder("leadflow.incidents.open").description("Open incidents, by type")
        .register(registry);
  }

  @Override
  public void afterSingletonsInstantiated() {
    refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, 60, TimeUnit.SECONDS);
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // a database that is briefly away must not stop the next refresh
      LOG.warn("Could not refresh Leadflow's operations meters: {}", e.getMessage());
    }
  }

  void refresh() {
    leads.register(rows("select coalesce(source_channel, 'unknown') as a, null as b, count(*) as n"
        + " from leadflow.lead group by 1", "channel", null), true);
    mqls.register(rows("select null as a, null as b, count(*) as n from leadflow.lead_stage_first"
        + " where stage = 'MQL'", null, null), true);
    breaches.register(rows("select step as a, null as b, count(*) as n from leadflow.sla_breach group by 1", "step",
        null), true);
    tasks.register(rows("""
        select coalesce(l.stage, 'none') as a,
          case when t.create_time_ > now() - interval '1 day' then 'under 1 day'
            when t.create_time_ > now() - interval '3 days' then '1 to 3 days' else 'over 3 days' end as b,
          count(*) as n
        from public.act_ru_task t
        left join public.act_ru_execution e on e.id_ = t.proc_inst_id_
        left join leadflow.lead l on l.id::text = e.business_key_
        group by 1, 2""", "stage", "age"), true);
    // the usual types always have a series, so that an alert on them sees 0 rather than nothing
    incidents.register(rows("""
        select k.type as a, null as b, count(i.id_) as n
        from (select 'slaBreach' as type union select 'failedJob' union select incident_type_
          from public.act_ru_incident) k
        left join public.act_ru_incident i on i.incident_type_ = k.type
        group by 1""", "type", null), true);
  }

  private List<MultiGauge.Row<?>> rows(String sql, String firstTag, String secondTag) {
    return jdbc.query(sql, (row, index) -> {
      Tags tags = Tags.empty();
      if (firstTag != null) {
        tags = tags.and(firstTag, row.getString("a"));
      }
      if (secondTag != null) {
        tags = tags.and(secondTag, row.getString("b"));
      }
      return MultiGauge.Row.of(tags, row.getLong("n"));
    });
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
  }
}
