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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Years of leads: the demo-history generator loads a million leads with their stage history and activities into the
 * database; the funnel metrics, a rep's task list, the lead lookup by email, the Leads page's search, a lead's page
 * and intake are timed on the empty and on the loaded database.
 */
class ScaleBench {

  private static final int HISTORY = Load.intProperty("bench.history", 1_000_000);
  private static final int CLIENTS = Load.intProperty("bench.clients", 8);
  private static final int SECONDS = Load.intProperty("bench.seconds", 30);
  /** How often the search mix and the lead pages are asked for, one after the other; p95 over all of them. */
  private static final int ROUNDS = Load.intProperty("bench.rounds", 20);
  private static final int LEAD_PAGES = Load.intProperty("bench.leadPages", 300);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void queriesAndIntakeOnAMillionLeads() throws Exception {
    Figures figures = new Figures("scale");
    try (SharedInfrastructure shared = new SharedInfrastructure(true)) {
      Measured empty;
      try (PackagedApp node = PackagedApp.node("bench-empty", shared.jdbcUrl(), shared.smtpPort())
          .with("LEADFLOW_DEMO_HISTORY_LEADS", "0")) {
        // a start takes a minute on two idle cores, several when others share them
        node.start().awaitHealthy(Duration.ofMinutes(10));
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
        figures.add("search (GET /api/leads, p95 of the mix), empty database", empty.searchP95, "ms");
        figures.atMost("search (GET /api/leads, p95 of the mix), " + HISTORY + " leads", loaded.searchP95, "ms",
            200);
        figures.add("search, median, " + HISTORY + " leads", loaded.searchMedian, "ms");
        figures.add("lead page (GET /leads/{id}, p95), empty database", empty.leadPageP95, "ms");
        figures.atMost("lead page (GET /leads/{id}, p95), " + HISTORY + " leads", loaded.leadPageP95, "ms", 300);
        figures.add("lead page, median, " + HISTORY + " leads", loaded.leadPageMedian, "ms");
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
    setup.put("timing", "median of 7 calls after 3 unmeasured ones; search and lead page: p95 and median of "
        + ROUNDS + " rounds of the search mix (" + SEARCHES.size() + " searches as a manager and a rep) and of "
        + LEAD_PAGES + " lead pages of random leads, one call at a time after a round unmeasured");
    figures.report(setup);
  }

  private record Measured(double metricsMillis, double taskListMillis, double lookupMillis, double intakePerSecond,
      double searchP95, double searchMedian, double leadPageP95, double leadPageMedian) {
  }

  /**
   * What people ask the Leads page, as user and query: a name typed letter by letter (the page asks after each pause),
   * parts of email addresses and companies, filters, the other orders and a later page.
   */
  private static final List<String[]> SEARCHES = List.of(
      new String[] {"max", "q=an"}, new String[] {"max", "q=ann"}, new String[] {"max", "q=anna"},
      new String[] {"max", "q=anna%20ber"}, new String[] {"max", "q=anna%20berg"},
      new String[] {"max", "q=ossi"}, new String[] {"max", "q=contoso%2012"}, new String[] {"max", "q=%s"},
      new String[] {"max", "q=tanaka&stage=MQL,SAL,SQL,ON_HOLD"},
      new String[] {"max", "stage=MQL"}, new String[] {"max", "owner=sam&stage=SAL"},
      new String[] {"max", "team=sales-americas&channel=WEB"},
      new String[] {"max", "campaign=webinar-speed-to-lead&createdFrom=%s"},
      new String[] {"max", "sort=score"}, new String[] {"max", "sort=name"}, new String[] {"max", "page=3"},
      new String[] {"sam", ""}, new String[] {"sam", "q=grace"}, new String[] {"sam", "q=%s"},
      new String[] {"sam", "stage=SAL&sort=score"});

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
    // a fragment of a real lead's address, which only that lead has, and a date a month back
    String local = email.substring(0, email.indexOf('@'));
    String fragment = local.length() > 8 ? local.substring(local.length() - 8, local.length() - 2) : local;
    String monthAgo = LocalDate.now().minusDays(30).toString();
    Latencies search = new Latencies();
    for (int round = 0; round <= ROUNDS; round++) {
      for (String[] asked : SEARCHES) {
        String query = asked[1].replace("q=%s", "q=" + fragment).replace("createdFrom=%s", "createdFrom=" + monthAgo);
        long start = System.nanoTime();
        get(node, "/api/leads?" + query, asked[0]);
        if (round > 0) {
          search.add((System.nanoTime() - start) / 1e6);
        }
      }
    }
    List<String> leadIds = shared.jdbc.queryForList("select id::text from leadflow.lead order by random() limit ?",
        String.class, LEAD_PAGES);
    Latencies leadPage = new Latencies();
    for (int i = 0; i < leadIds.size() + 10; i++) {
      long start = System.nanoTime();
      get(node, "/leads/" + leadIds.get(i % leadIds.size()), "max");
      if (i >= 10) {
        leadPage.add((System.nanoTime() - start) / 1e6);
      }
    }
    long start = System.nanoTime();
    int created = Load.postLeads(node, run, Integer.MAX_VALUE, Duration.ofSeconds(SECONDS), CLIENTS, new Latencies())
        .size();
    double rate = created / ((System.nanoTime() - start) / 1e9);
    Load.awaitDrained(shared.jdbc, Duration.ofMinutes(20));
    return new Measured(metrics, taskList, lookup, rate, search.percentile(95), search.percentile(50),
        leadPage.percentile(95), leadPage.percentile(50));
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
