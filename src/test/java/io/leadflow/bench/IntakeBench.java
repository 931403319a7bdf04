package io.leadflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.reliability.LeadClient;
import io.leadflow.reliability.PackagedApp;
import io.leadflow.reliability.SharedInfrastructure;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAccumulator;
import org.junit.jupiter.api.Test;

/**
 * Intake throughput and latency of the packaged application on durable PostgreSQL, against a bare engine starting a
 * one-user-task process on the same database at the same concurrency; start-up time and memory of the node.
 */
class IntakeBench {

  private static final int CLIENTS = Load.intProperty("bench.clients", 8);
  private static final int SECONDS = Load.intProperty("bench.seconds", 60);
  /** Leads carried to a rep's task per second before the lean engine path (issue 28), which asks for 3 times it. */
  private static final double CARRIED_BEFORE_LEAN_PATH = 41.9;

  @Test
  void intakeAgainstTheBareEngine() throws Exception {
    Figures figures = new Figures("intake");
    String historyLevel;
    try (SharedInfrastructure shared = new SharedInfrastructure(true);
        PackagedApp node = PackagedApp.node("bench-intake", shared.jdbcUrl(), shared.smtpPort())) {
      long booting = System.nanoTime();
      node.start().awaitHealthy(Load.startTimeout());
      historyLevel = Load.historyLevel(shared.jdbc);
      // the start-up target is StartupBench's, which starts production nodes
      figures.add("start-up to healthy (java -jar, demo profile)", (System.nanoTime() - booting) / 1e9, "s");

      // warm-up: the JIT and the connection pools, not measured
      Load.postLeads(node, "warm-up", 300, CLIENTS, new Latencies());
      Load.awaitDrained(shared.jdbc, Duration.ofMinutes(10));
      figures.add("heap after GC at rest", Load.heapAfterGcMb(node), "MB");
      figures.add("resident memory at rest", Machine.residentMb(node.pid()).orElse(Double.NaN), "MB");

      // full speed: closed loop, every client posts its next lead as soon as the last one is answered
      Latencies created = new Latencies();
      DoubleAccumulator peakResident = new DoubleAccumulator(Math::max, 0);
      AtomicReference<Double> heapUnderLoad = new AtomicReference<>(Double.NaN);
      Thread watcher = new Thread(() -> watchMemory(node, peakResident, heapUnderLoad), "memory-watcher");
      watcher.setDaemon(true);
      watcher.start();
      Cost cost = Cost.startCounting(node, shared.jdbc);
      long begin = System.currentTimeMillis();
      Map<String, Long> sentAt = Load.postLeads(node, "full", Integer.MAX_VALUE, Duration.ofSeconds(SECONDS), CLIENTS,
          created);
      double seconds = (System.currentTimeMillis() - begin) / 1000.0;
      watcher.interrupt();
      double rate = sentAt.size() / seconds;
      assertThat(sentAt).as("leads created at full speed").isNotEmpty();
      figures.add("intake at full speed (" + CLIENTS + " clients)", rate, "leads/s");
      figures.add("POST to 201, p50", created.percentile(50), "ms");
      figures.add("POST to 201, p95", created.percentile(95), "ms");
      figures.add("POST to 201, p99", created.percentile(99), "ms");
      figures.add("peak resident memory under load", peakResident.get(), "MB");
      figures.atMost("heap after GC under load", heapUnderLoad.get(), "MB", 512);

      Load.awaitDrained(shared.jdbc, Duration.ofMinutes(20));
      double statementsPerLead = cost.per("lead", sentAt.size(), figures);
      figures.atMost("SQL statements per lead", statementsPerLead, "", 120);
      figures.key("statementsPerLead", statementsPerLead);
      Map<String, Long> firstTasks = firstTasks(shared, begin);
      Latencies toTask = firstTaskLatencies(firstTasks, sentAt);
      figures.add("POST to first user task, p50", toTask.percentile(50), "ms");
      figures.add("POST to first user task, p95", toTask.percentile(95), "ms");
      figures.add("POST to first user task, p99", toTask.percentile(99), "ms");
      double carried = leadsCarriedPerSecond(firstTasks, begin);
      figures.atLeast("leads carried to their first user task per second (3 x " + CARRIED_BEFORE_LEAN_PATH + ")",
          carried, "leads/s", 3 * CARRIED_BEFORE_LEAN_PATH);
      figures.key("leadsCarriedPerSecond", carried);

      // half the maximum rate, open loop: latency counts from when the request was due, so queueing shows
      OpenLoop halfRate = postAtRateWatched(node, shared, "half", rate / 2, "the half-rate run", figures);
      figures.add("POST to 201 at half the maximum rate, p99", halfRate.latencies().percentile(99), "ms");

      // half the rate the node carries whole leads: a steady rate its job executor keeps up with, unlike the half
      // maximum POST rate above, which offers more leads a second than their first steps can take
      long steadyBegin = System.currentTimeMillis();
      OpenLoop steady = postAtRateWatched(node, shared, "steady", carried / 2, "the steady run", figures);
      figures.atMost("POST to 201 at half the carried rate (" + Math.round(carried / 2) + " leads/s), p99",
          steady.latencies().percentile(99), "ms", 50);
      Latencies steadyToTask = firstTaskLatencies(firstTasks(shared, steadyBegin), steady.sentAt());
      figures.add("POST to first user task at that rate, p50", steadyToTask.percentile(50), "ms");
      figures.add("POST to first user task at that rate, p99", steadyToTask.percentile(99), "ms");

      double baseline;
      try (BareEngine bare = new BareEngine(shared.jdbcUrl(), CLIENTS)) {
        bare.startsPerSecond(CLIENTS, Duration.ofSeconds(10));
        baseline = bare.startsPerSecond(CLIENTS, Duration.ofSeconds(SECONDS));
      }
      figures.add("bare engine, one-user-task starts (" + CLIENTS + " threads)", baseline, "starts/s");
      figures.key("bareStartsPerSecond", baseline);
      figures.atLeast("intake / bare engine", rate / baseline, "ratio", 0.4);
      figures.atLeast("leads carried / bare engine", carried / baseline, "ratio", 0.05);

      // the POSTs alone: a node that runs no job, so that none of the leads' first steps competes with the requests;
      // how far the POST itself is from the target, whatever the jobs are given
      node.close();
      try (PackagedApp postsOnly = PackagedApp.node("bench-intake-posts-only", shared.jdbcUrl(), shared.smtpPort())
          .with("CAMUNDA_BPM_JOB_EXECUTION_ENABLED", "false")) {
        postsOnly.start().awaitHealthy(Load.startTimeout());
        Load.postLeads(postsOnly, "posts-only-warm-up", 1000, CLIENTS, new Latencies());
        Latencies alone = new Latencies();
        long started = System.currentTimeMillis();
        int posted = Load.postLeads(postsOnly, "posts-only", Integer.MAX_VALUE, Duration.ofSeconds(SECONDS), CLIENTS,
            alone).size();
        double aloneRate = posted / ((System.currentTimeMillis() - started) / 1000.0);
        figures.add("intake with no job running (the POSTs alone)", aloneRate, "leads/s");
        figures.add("POST to 201 with no job running, p50", alone.percentile(50), "ms");
        figures.add("POST to 201 with no job running, p99", alone.percentile(99), "ms");
        Latencies aloneAtHalf = postAtRate(postsOnly, "posts-only-half", aloneRate / 2,
            Duration.ofSeconds(SECONDS / 2)).latencies();
        figures.add("POST to 201 at half that rate with no job running, p99", aloneAtHalf.percentile(99), "ms");
        figures.add("the POSTs alone / bare engine", aloneRate / baseline, "ratio");
      }
    }
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("clients", CLIENTS);
    setup.put("secondsAtFullSpeed", SECONDS);
    setup.put("database", "embedded PostgreSQL 17, fsync and synchronous_commit on, same machine");
    setup.put("node", "packaged application, -Xmx512m, demo profile, history level " + historyLevel);
    figures.report(setup);
  }

  /** An open-loop run: each answered request's latency, the lead ids with when they were due, and how long it took. */
  private record OpenLoop(Latencies latencies, Map<String, Long> sentAt, double seconds) {
  }

  /**
   * An open-loop run of half the full-speed run's length, with how busy the cores were and the jobs still due when it
   * ended (a backlog, if the node could not keep up); then waits until the node has worked them off.
   */
  private static OpenLoop postAtRateWatched(PackagedApp node, SharedInfrastructure shared, String run,
      double perSecond, String what, Figures figures) throws Exception {
    Cost cost = Cost.startCounting(node, shared.jdbc);
    OpenLoop result = postAtRate(node, run, perSecond, Duration.ofSeconds(SECONDS / 2));
    cost.busy(what, result.seconds(), figures);
    figures.add("due jobs left at the end of " + what, Load.dueJobs(shared.jdbc), "");
    Load.awaitDrained(shared.jdbc, Duration.ofMinutes(20));
    return result;
  }

  private static OpenLoop postAtRate(PackagedApp node, String run, double perSecond, Duration duration)
      throws InterruptedException {
    Latencies latencies = new Latencies();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    LeadClient client = new LeadClient();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    long intervalNanos = (long) (1e9 / perSecond);
    long start = System.nanoTime();
    long count = duration.toNanos() / intervalNanos;
    for (long n = 0; n < count; n++) {
      long due = start + n * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long index = n;
      long dueAt = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime());
      pool.execute(() -> {
        String id = client.postHandRaiser(node, run + "-" + index + "@bench-systems.example", "DE");
        if (id != null) {
          latencies.add((System.nanoTime() - due) / 1e6);
          sentAt.put(id, dueAt);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    return new OpenLoop(latencies, sentAt, (System.nanoTime() - start) / 1e9);
  }

  /** When each lead of the run first had a user task, as the engine's history recorded it. */
  private static Map<String, Long> firstTasks(SharedInfrastructure shared, long since) {
    Map<String, Long> firstTasks = new HashMap<>();
    shared.jdbc.query("""
        select p.business_key_ as lead, min(t.start_time_) as first_task
        from act_hi_procinst p join act_hi_taskinst t on t.proc_inst_id_ = p.id_
        where p.proc_def_key_ = 'LeadLifecycle' and p.start_time_ >= ?
        group by p.business_key_""", row -> {
          firstTasks.put(row.getString("lead"), row.getTimestamp("first_task").getTime());
        }, new Timestamp(since));
    return firstTasks;
  }

  /** From each POST to the first user task of the lead's process. */
  private static Latencies firstTaskLatencies(Map<String, Long> firstTasks, Map<String, Long> sentAt) {
    Latencies latencies = new Latencies();
    firstTasks.forEach((lead, firstTask) -> {
      Long sent = sentAt.get(lead);
      if (sent != null) {
        latencies.add(firstTask - sent);
      }
    });
    assertThat(latencies.count()).as("leads of the full-speed run that reached a user task").isPositive();
    return latencies;
  }

  /**
   * The job executor's capacity for whole leads: every lead of the full-speed run, from the first POST until the last
   * of them had its first user task (how fast a burst is worked off, whatever the POST rate was).
   */
  private static double leadsCarriedPerSecond(Map<String, Long> firstTasks, long since) {
    long lastTask = firstTasks.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    return firstTasks.size() / ((lastTask - since) / 1000.0);
  }

  /** Samples the node's resident memory every second and, half-way through the run, its heap after a GC. */
  private static void watchMemory(PackagedApp node, DoubleAccumulator peakResident,
      AtomicReference<Double> heapUnderLoad) {
    long halfWay = System.nanoTime() + Duration.ofSeconds(SECONDS / 2).toNanos();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Machine.residentMb(node.pid()).ifPresent(peakResident::accumulate);
        if (Double.isNaN(heapUnderLoad.get()) && System.nanoTime() > halfWay) {
          heapUnderLoad.set(heapAfterGcOrNaN(node));
        }
        Thread.sleep(1000);
      }
    } catch (InterruptedException finished) {
      Thread.currentThread().interrupt();
    }
  }

  /** NaN when jcmd failed: tried again a second later, and reported as not measured if it never worked. */
  private static double heapAfterGcOrNaN(PackagedApp node) throws InterruptedException {
    try {
      return Load.heapAfterGcMb(node);
    } catch (java.io.IOException | IllegalStateException jcmdFailed) {
      System.err.println("heap after GC under load not measured: " + jcmdFailed.getMessage());
      return Double.NaN;
    }
  }
}
