package io.leadflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.reliability.PackagedApp;
import io.leadflow.reliability.SharedInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Years of leads: the demo-history generator loads a million leads with their stage history and activities into the
 * database; the funnel metrics, a rep's task list, the lead lookup by email and intake are timed on the empty and on
 * the loaded database.
 */
class ScaleBench {

  private static final int HISTORY = Load.intProperty("bench.history", 1_000_000);
  private static final int CLIENTS = Load.intProperty("bench.clients", 8);
  private static final int SECONDS = Load.intProperty("bench.seconds", 30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void queriesAndIntakeOnAMillionLeads() throws Exception {
    Figures figures = new Figures("scale");
    try (SharedInfrastructure shared = new SharedInfrastructure(true)) {
      Measured empty;
      try (PackagedApp node = PackagedApp.node("bench-empty", shared.jdbcUrl(), shared.smtpPort())
          .with("LEADFLOW_DEMO_HISTORY_LEADS", "0")) {
        node.start().awaitHealthy(Load.startTimeout());
        empty = measure(node, shared, "empty");
      }
      long loading = System.nanoTime();
      try (PackagedApp node = PackagedApp.node("bench-loaded", shared.jdbcUrl(), shared.smtpPort())
          .with("LEADFLOW_DEMO_HISTORY_LEADS", String.valueOf(HISTORY))) {
        node.start().awaitHealthy(Duration.ofMinutes(60));
        figures.add("start-up including generating " + HISTORY + " leads", (System.nanoTime() - loading) / 1e9, "s");
        long leads = shared.jdbc.queryForObject("select count(*) from leadflow.lead", Long.class);
        assertThat(leads).isGreaterThanOrEqualTo(HISTORY);
        figures.add("leads in the database", leads, "leads");
        figures.add("stage changes in the database",
            shared.jdbc.queryForObject("select count(*) from leadflow.lead_stage_change", Long.class), "rows");
        Measured loaded = measure(node, shared, "loaded");
        figures.add("funnel metrics (volumes + conversions), empty database", empty.metricsMillis, "ms");
        figures.atMost("funnel metrics (volumes + conversions), " + HISTORY + " leads", loaded.metricsMillis, "ms",
            500);
        figures.add("a rep's task list, empty database", empty.taskListMillis, "ms");
        figures.atMost("a rep's task list, " + HISTORY + " leads", loaded.taskListMillis, "ms", 100);
        figures.add("lead lookup by email, " + HISTORY + " leads", loaded.lookupMillis, "ms");
        figures.add("intake, empty database", empty.intakePerSecond, "leads/s");
        figures.add("intake, " + HISTORY + " leads", loaded.intakePerSecond, "leads/s");
        figures.atMost("intake slowdown at " + HISTORY + " leads",
            (1 - loaded.intakePerSecond / empty.intakePerSecond) * 100, "%", 20);
      }
    }
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("history", HISTORY + " generated leads (demo.DemoHistory, 120 days)");
    setup.put("clients", CLIENTS);
    setup.put("secondsOfIntake", SECONDS);
    setup.put("timing", "median of 7 calls after 3 unmeasured ones");
    figures.report(setup);
  }

  private record Measured(double metricsMillis, double taskListMillis, double lookupMillis, double intakePerSecond) {
  }

  private static Measured measure(PackagedApp node, SharedInfrastructure shared, String run) throws Exception {
    Load.postLeads(node, run + "-warm-up", 200, CLIENTS, new Latencies());
    Load.awaitDrained(shared.jdbc, Duration.ofMinutes(10));
    double metrics = median(() -> {
      get(node, "/api/metrics/volumes", "max");
      get(node, "/api/metrics/conversions", "max");
    });
    double taskList = median(() -> get(node, "/engine-rest/task?assignee=sam&sortBy=created&sortOrder=desc"
        + "&maxResults=50", "sam"));
    String email = shared.jdbc.queryForObject("select email from leadflow.lead where email is not null "
        + "order by created_at limit 1", String.class);
    double lookup = median(() -> shared.jdbc.queryForList("select id from leadflow.lead where email = ?", email));
    long start = System.nanoTime();
    int created = Load.postLeads(node, run, Integer.MAX_VALUE, Duration.ofSeconds(SECONDS), CLIENTS, new Latencies())
        .size();
    double rate = created / ((System.nanoTime() - start) / 1e9);
    Load.awaitDrained(shared.jdbc, Duration.ofMinutes(20));
    return new Measured(metrics, taskList, lookup, rate);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static double median(Call call) throws Exception {
    for (int i = 0; i < 3; i++) {
      call.run();
    }
    double[] millis = new double[7];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      call.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[millis.length / 2];
  }

  private static void get(PackagedApp node, String path, String user) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.url(path)))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":LeadflowDemo-1").getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
  }
}
