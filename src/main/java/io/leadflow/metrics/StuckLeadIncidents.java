package io.leadflow.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shows stuck leads (see {@link StuckLeads}) in Cockpit: an incident of type {@value #INCIDENT_TYPE} on the lead's
 * process instance, whose configuration is the stage, resolved by the next check once the lead has left that stage or
 * is no longer slower than usual. Checked every {@code leadflow.metrics.stuck-check-interval}.
 */
@Component
public class StuckLeadIncidents implements SmartInitializingSingleton, DisposableBean {

  public static final String INCIDENT_TYPE = "stuckLead";

  private static final Logger LOG = LoggerFactory.getLogger(StuckLeadIncidents.class);
  /** Several nodes: one checks at a time. */
  private static final long LOCK = 0x1EADF1065748L;

  private final StuckLeads stuck;
  private final RuntimeService runtime;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final MetricsProperties properties;
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "leadflow-stuck-leads");
    thread.setDaemon(true);
    return thread;
  });

  StuckLeadIncidents(StuckLeads stuck, RuntimeService runtime, JdbcTemplate jdbc, TransactionTemplate transaction,
      MetricsProperties properties) {
    this.stuck = stuck;
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    long every = properties.stuckCheckInterval().toSeconds();
    checker.scheduleWithFixedDelay(() -> {
      try {
        check(Instant.now());
      } catch (RuntimeException e) {
        LOG.warn("Could not check for stuck leads: {}", e.getMessage());
      }
    }, every, every, TimeUnit.SECONDS);
  }

  /** Raises the incidents of leads stuck now and resolves those of leads that moved on; returns how many are open. */
  public int check(Instant now) {
    return transaction.execute(status -> {
      if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
        return -1;
      }
      LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
      List<StuckLeads.StuckLead> leads = stuck.find(new MetricsFilter(
          today.minusDays(properties.stuckHistoryDays()), today, null, null, null, null, null), now);
      Set<String> current = new HashSet<>();
      for (StuckLeads.StuckLead lead : leads) {
        if (lead.processInstanceId() == null) {
          continue;
        }
        current.add(lead.processInstanceId() + "/" + lead.stage());
        boolean open = runtime.createIncidentQuery().processInstanceId(lead.processInstanceId())
            .incidentType(INCIDENT_TYPE).configuration(lead.stage()).count() > 0;
        String waiting = waitingExecution(lead.processInstanceId());
        if (!open && waiting != null) {
          runtime.createIncident(INCIDENT_TYPE, waiting, lead.stage(), lead.message());
        }
      }
      for (Incident incident : runtime.createIncidentQuery().incidentType(INCIDENT_TYPE).list()) {
        if (!current.contains(incident.getProcessInstanceId() + "/" + incident.getConfiguration())) {
          runtime.resolveIncident(incident.getId());
        }
      }
      return current.size();
    });
  }

  /** Cockpit shows an incident on the step that waits: the open task's execution, else any waiting execution. */
  private String waitingExecution(String processInstanceId) {
    return jdbc.queryForObject("""
        select coalesce((select min(t.execution_id_) from public.act_ru_task t where t.proc_inst_id_ = ?),
          (select min(x.id_) from public.act_ru_execution x where x.proc_inst_id_ = ? and x.act_id_ is not null))""",
        String.class, processInstanceId, processInstanceId);
  }

  @Override
  public void destroy() {
    checker.shutdownNow();
  }
}
