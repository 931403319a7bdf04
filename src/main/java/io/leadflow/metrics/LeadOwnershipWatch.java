package io.leadflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Runs the ownership check ({@link LeadOwnership}) every {@code leadflow.metrics.ownership-check-interval} on every
 * node and shows its result: the health contributor {@code leadOwnership} (status UNOWNED_LEADS, which does not take
 * the node out of a load balancer, with the count and the first leads) and the gauge {@code leadflow_leads_unowned}.
 */
@Component("leadOwnershipHealthIndicator")
class LeadOwnershipWatch implements HealthIndicator, SmartInitializingSingleton, DisposableBean {

  /** Some leads are not owned; the application itself is fine (management.endpoint.health.status.order). */
  static final Status UNOWNED_LEADS = new Status("UNOWNED_LEADS", "Open leads without an owned wait state");
  private static final Logger LOG = LoggerFactory.getLogger(LeadOwnershipWatch.class);
  private static final int SHOWN = 10;

  private final LeadOwnership ownership;
  private final MetricsProperties properties;
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "leadflow-lead-ownership");
    thread.setDaemon(true);
    return thread;
  });

  LeadOwnershipWatch(LeadOwnership ownership, MetricsProperties properties, MeterRegistry registry) {
    this.ownership = ownership;
    this.properties = properties;
    Gauge.builder("leadflow.leads.unowned", ownership,
            watched -> watched.last() == null ? 0 : watched.last().count())
        .description("Open leads not waiting in exactly one place with an owner and a deadline, at the last check")
        .register(registry);
  }

  @Override
  public void afterSingletonsInstantiated() {
    long every = properties.ownershipCheckInterval().toSeconds();
    checker.scheduleWithFixedDelay(() -> {
      try {
        LeadOwnership.Report report = ownership.check(ClockUtil.now().toInstant());
        if (report.count() > 0) {
          LOG.warn("{} open leads are not owned: {}", report.count(), report.violations().stream().limit(SHOWN)
              .map(violation -> violation.leadId() + " " + violation.problem()).toList());
        }
      } catch (RuntimeException e) {
        LOG.warn("Could not check the ownership of open leads: {}", e.getMessage());
      }
    }, every, every, TimeUnit.SECONDS);
  }

  @Override
  public Health health() {
    LeadOwnership.Report report = ownership.last();
    if (report == null) {
      return Health.unknown().withDetail("checkedAt", "not yet").build();
    }
    Map<String, String> leads = new LinkedHashMap<>();
    report.violations().stream().limit(SHOWN).forEach(violation ->
        leads.put(violation.leadId().toString(), violation.problem()));
    return Health.status(report.count() == 0 ? Status.UP : UNOWNED_LEADS)
        .withDetail("violations", report.count())
        .withDetail("checkedAt", report.checkedAt().toString())
        .withDetail("leads", leads)
        .build();
  }

  @Override
  public void destroy() {
    checker.shutdownNow();
  }

  /** For a check on demand. */
  LeadOwnership.Report checkNow() {
    return ownership.check(ClockUtil.now().toInstant());
  }
}
