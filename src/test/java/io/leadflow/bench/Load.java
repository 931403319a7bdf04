package io.leadflow.bench;

import io.leadflow.reliability.LeadClient;
import io.leadflow.reliability.PackagedApp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the benchmarks do to a running node and how they watch it. */
final class Load {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private Load() {
  }

  static int intProperty(String name, int defaultValue) {
    return Integer.getInteger(name, defaultValue);
  }

  /** How long a node may take to start: longer on a machine others share ({@code -Dbench.start-minutes}). */
  static Duration startTimeout() {
    return Duration.ofMinutes(intProperty("bench.start-minutes", 3));
  }

  /** Posts the given number of distinct hand-raisers, without a time limit. */
  static Map<String, Long> postLeads(PackagedApp node, String run, int count, int clients, Latencies latencies)
      throws InterruptedException {
    return postLeads(node, run, count, Duration.ofHours(2), clients, latencies);
  }

  /**
   * Posts distinct hand-raisers from the given number of client threads, each posting its next lead as soon as the
   * last is answered, until the count is reached or the time is up. Every lead id that got a 201 is mapped to the
   * wall-clock millisecond its POST was sent, and each answered request's latency is recorded.
   */
  static Map<String, Long> postLeads(PackagedApp node, String run, int count, Duration time, int clients,
      Latencies latencies) throws InterruptedException {
    long end = System.nanoTime() + time.toNanos();
    LeadClient client = new LeadClient();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int i = 0; i < clients; i++) {
      pool.execute(() -> {
        int n;
        while (System.nanoTime() < end && (n = next.getAndIncrement()) < count) {
          long sent = System.currentTimeMillis();
          long start = System.nanoTime();
          String id = client.postHandRaiser(node, run + "-" + n + "@bench-systems.example", "DE");
          if (id != null) {
            latencies.add((System.nanoTime() - start) / 1e6);
            sentAt.put(id, sent);
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(2, TimeUnit.HOURS);
    return sentAt;
  }

  /** Waits until the condition holds, checking twice a second; fails after the timeout. */
  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Gave up waiting after " + timeout + " for: " + what);
      }
      Thread.sleep(500);
    }
  }

  /**
   * Waits until the job executors have no due work left (timers in the future do not count, nor suspended jobs such
   * as the history cleanup outside its batch window).
   */
  static void awaitDrained(JdbcTemplate jdbc, Duration timeout) throws InterruptedException {
    await("no due jobs", timeout, () -> dueJobs(jdbc) == 0);
  }

  /** The jobs the executors could run now: a backlog when it grows while leads arrive. */
  static long dueJobs(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1 "
        + "and (duedate_ is null or duedate_ <= now())", Long.class);
  }

  /** The engine's history level as the application wrote it into the database: full, unless a variant run set it. */
  static String historyLevel(JdbcTemplate jdbc) {
    String id = jdbc.queryForObject("select value_ from act_ge_property where name_ = 'historyLevel'", String.class);
    return switch (id) {
      case "0" -> "none";
      case "1" -> "activity";
      case "2" -> "audit";
      case "3" -> "full";
      default -> "custom (" + id + ")";
    };
  }

  /** Live heap in MB after a full collection, asked of the node's JVM with {@code jcmd}. */
  static double heapAfterGcMb(PackagedApp node) throws IOException, InterruptedException {
    jcmd(node, "GC.run");
    Matcher used = HEAP_USED.matcher(jcmd(node, "GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("jcmd GC.heap_info did not say how much heap is used");
    }
    return Long.parseLong(used.group(1)) / 1024.0;
  }

  private static String jcmd(PackagedApp node, String command) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process process = new ProcessBuilder(jcmd, String.valueOf(node.pid()), command).redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return output;
  }
}
