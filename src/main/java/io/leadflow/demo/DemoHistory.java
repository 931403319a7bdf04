package io.leadflow.demo;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import io.leadflow.metrics.FunnelRollup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Generates a back-dated history of leads moving through the funnel (stage changes, contact attempts, opportunities,
 * SLA breaches, campaign costs) at plausible rates and durations, straight into the tables with PostgreSQL's COPY: a
 * million leads take minutes, not hours. The leads have no process instances; they are the past the figures measure.
 *
 * <p>The rates differ by segment and by rep on purpose (omar misses acceptance and first contact often, enterprise deals
 * take longest), so that the dashboard has something to say. A team's leads go to its reps in proportion to their
 * capacity, as the round robin gives them, and the history leaves each rep with open work well below their capacity:
 * once a rep holds 60 % of their capacity in leads still open at the end, their further leads are settled before it.
 * Channels are named as the capture channels (leadflow.intake.channels) that real leads come through.
 */
@Service
public class DemoHistory {

  /** Every generated lead's email is at this domain, which tells generated leads from real ones. */
  public static final String EMAIL_DOMAIN = "history.leadflow.example";

  private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);
  private static final int CHUNK = 5000;
  private static final String[] FIRST_NAMES = {"Anna", "Ben", "Chloe", "David", "Elif", "Felix", "Grace", "Hugo",
      "Ines", "Jonas", "Kira", "Liam", "Maya", "Noah", "Olga", "Paul", "Quinn", "Rosa", "Tom", "Vera"};
  private static final String[] LAST_NAMES = {"Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen",
      "Ito", "Jensen", "Kowalski", "Lopez", "Meyer", "Nowak", "Olsen", "Petrov", "Rossi", "Schmidt", "Tanaka"};
  private static final String[] COMPANIES = {"Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware",
      "Proseware", "Adatum", "Lucerne", "Margie", "Trey", "Woodgrove", "Alpine", "Coho", "Fourth Coffee"};
  /** Capture channel and campaign; paid search lands on a landing page, referrals come through partners. */
  private static final String[][] CHANNELS = {{"web-form", "website-contact"}, {"landing-page", "search-always-on"},
      {"webinar", "webinar-speed-to-lead"}, {"trade-show", "trade-show-autumn"}, {"partner", null},
      {"content-download", "roi-guide-download"}};
  private static final double[] CHANNEL_WEIGHTS = {0.3, 0.2, 0.15, 0.12, 0.08, 0.15};
  private static final String[] SEGMENTS = {"SMB", "MID_MARKET", "ENTERPRISE"};
  private static final double[] SEGMENT_WEIGHTS = {0.5, 0.35, 0.15};
  private static final Map<String, String[]> TEAMS = Map.of("sales-emea", new String[] {"sam", "lena"},
      "sales-americas", new String[] {"rita", "omar"});
  /** How much of a rep's capacity the history leaves them in open leads at its end, as a share. */
  private static final double OPEN_SHARE_OF_CAPACITY = 0.6;
  private static final Set<String> OPEN_STAGES = Set.of("MQL", "SAL", "SQL", "ON_HOLD");
  /** Per rep: chance to let acceptance breach, median hours to first contact. */
  private static final Map<String, double[]> REP_HABITS = Map.of("sam", new double[] {0.05, 3},
      "lena", new double[] {0.12, 9}, "rita", new double[] {0.07, 5}, "omar", new double[] {0.28, 30});
  private static final Map<String, Integer> CAPACITIES = DemoData.REPS.stream()
      .collect(Collectors.toMap(DemoData.DemoRep::id, DemoData.DemoRep::capacity));
  /** Per team, its reps' shares of its leads: their capacities, as in the round robin. */
  private static final Map<String, double[]> REP_WEIGHTS = TEAMS.entrySet().stream().collect(Collectors.toMap(
      Map.Entry::getKey, team -> {
        double total = Arrays.stream(team.getValue()).mapToInt(CAPACITIES::get).sum();
        return Arrays.stream(team.getValue()).mapToDouble(rep -> CAPACITIES.get(rep) / total).toArray();
      }));
  private static final String[] REJECTIONS = {"Not a decision maker", "No budget this year", "Existing customer",
      "Too early"};
  private static final String[] DISQUALIFICATIONS = {"Student", "Competitor", "Spam", "Invalid contact data"};
  private static final String[] LOST_REASONS = {"Price", "No decision", "Chose a competitor", "Timing",
      "Missing feature"};
  private static final String[] COMPETITORS = {"HubSpot", "Salesforce", "Pipedrive", "Zoho", null};

  private final JdbcTemplate jdbc;
  private final FunnelRollup rollup;

  DemoHistory(JdbcTemplate jdbc, FunnelRollup rollup) {
    this.jdbc = jdbc;
    this.rollup = rollup;
  }

  /** What was generated. */
  public record Result(int leads, int stageChanges, int activities, int opportunities, int breaches,
      Duration took) {
  }

  public boolean exists() {
    return Boolean.TRUE.equals(jdbc.queryForObject(
        "select exists (select 1 from leadflow.lead where email like ?)", Boolean.class, "%@" + EMAIL_DOMAIN));
  }

  /** Generates {@code leads} leads created over the {@code days} before {@code end}; nothing happens after it. */
  public Result generate(int leads, Instant end, int days, long seed) {
    long started = System.nanoTime();
    Random random = new Random(seed);
    Workload workload = new Workload();
    int[] counts = new int[4];
    for (int done = 0; done < leads; done += CHUNK) {
      Chunk chunk = new Chunk(end);
      for (int i = done; i < Math.min(leads, done + CHUNK); i++) {
        simulate(chunk, random, end, days, workload);
      }
      copy("leadflow.lead (id, email, first_name, last_name, company, company_domain, country, source_channel,"
          + " campaign, stage, created_at, updated_at, segment, team, owner, score)", chunk.leads);
      copy("leadflow.lead_stage_change (lead_id, from_stage, to_stage, changed_at, changed_by, reason)",
          chunk.changes);
      copy("leadflow.lead_activity (id, lead_id, type, occurred_at, channel, campaign, subject, outcome,"
          + " recorded_by)", chunk.activities);
      copy("leadflow.opportunity (id, lead_id, name, amount, currency, stage, lost_reason, lost_to, owner,"
          + " created_at, closed_at)", chunk.opportunities);
      copy("leadflow.sla_breach (lead_id, step, owner, team, due_at, breached_at, process_instance_id,"
          + " resolved_at)", chunk.breaches);
      counts[0] += chunk.changeCount;
      counts[1] += chunk.activityCount;
      counts[2] += chunk.opportunityCount;
      counts[3] += chunk.breachCount;
    }
    recordCampaignCosts(random, end, days);
    // fresh statistics, or the planner takes the bulk-loaded tables for empty ones and the figures crawl
    jdbc.execute("analyze leadflow.lead, leadflow.lead_stage_change, leadflow.lead_stage_first,"
        + " leadflow.lead_activity, leadflow.opportunity, leadflow.sla_breach");
    // a loaded history is a rolled-up one, as it would be after the days it stands for
    rollup.catchUp();
    Result result = new Result(leads, counts[0], counts[1], counts[2], counts[3],
        Duration.ofNanos(System.nanoTime() - started));
    LOG.info("Generated a demo history of {} leads ({} stage changes, {} activities, {} opportunities, {} SLA"
        + " breaches) in {} ms", result.leads(), result.stageChanges(), result.activities(), result.opportunities(),
        result.breaches(), result.took().toMillis());
    return result;
  }

  private void simulate(Chunk chunk, Random random, Instant end, int days, Workload workload) {
    UUID id = new UUID(random.nextLong(), random.nextLong());
    Instant created = end.minusSeconds((long) (random.nextDouble() * days * 86400L));
    String segment = SEGMENTS[pick(random, SEGMENT_WEIGHTS)];
    String[] channel = CHANNELS[pick(random, CHANNEL_WEIGHTS)];
    String team = random.nextDouble() < 0.55 ? "sales-emea" : "sales-americas";
    String owner = TEAMS.get(team)[pick(random, REP_WEIGHTS.get(team))];
    String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
    String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
    String company = COMPANIES[random.nextInt(COMPANIES.length)] + " " + (1 + random.nextInt(400));
    Lead lead = new Lead(chunk, id, end);
    lead.move(null, "INQUIRY", created, "system", null);
    chunk.activity(id, "INQUIRY", created, channel[0], channel[1], null, null, "system");
    boolean routed = false;
    Instant t = created;
    double mql = switch (segment) {
      case "SMB" -> 0.3;
      case "MID_MARKET" -> 0.4;
      default -> 0.5;
    };
    double fate = random.nextDouble();
    if (fate < mql) {
      t = t.plus(hours(random, 40));
      if (lead.move("INQUIRY", "MQL", t, "system", null)) {
        routed = true;
        // a third of the routes are unclear and go to marketing ops' review, which a fifth of them miss
        double review = random.nextDouble();
        if (review < 0.35) {
          chunk.activity(id, "OWNER_CHANGE", t, null, null, null, null, "system");
        }
        if (review < 0.07) {
          Instant due = t.plus(Duration.ofHours(8));
          chunk.breach(id, "MQL_REVIEW", null, null, due, due, earlier(due.plus(hours(random, 6)), end));
        }
        t = t.plus(hours(random, 5));
        double[] habits = REP_HABITS.get(owner);
        if (random.nextDouble() < habits[0]) {
          Instant due = t.plus(Duration.ofHours(4));
          if (due.isBefore(end)) {
            chunk.breach(id, "ACCEPTANCE", owner, team, due, due, due);
            owner = otherRep(team, owner);
            habits = REP_HABITS.get(owner);
            t = due.plus(hours(random, 2));
          }
        } else {
          t = t.plus(hours(random, 2));
        }
        simulateSales(chunk, lead, random, t, segment, team, owner, habits, end, workload.full(owner));
      }
    } else if (fate < mql + 0.12) {
      lead.move("INQUIRY", "DISQUALIFIED", t.plus(hours(random, 30)), "mia",
          DISQUALIFICATIONS[random.nextInt(DISQUALIFICATIONS.length)]);
    } else if (random.nextDouble() < 0.5) {
      lead.move("INQUIRY", "NURTURE", t.plus(Duration.ofDays(14)), "system", "Not yet engaged");
    }
    if (!routed) {
      team = null;
      owner = null;
    } else {
      owner = lead.owner == null ? owner : lead.owner;
      if (OPEN_STAGES.contains(lead.stage)) {
        workload.holdsOneMore(owner);
      }
    }
    Chunk.line(chunk.leads, id, first.toLowerCase() + "." + last.toLowerCase() + "." + id.toString().substring(0, 8)
        + "@" + EMAIL_DOMAIN, first, last, company, company.toLowerCase().replace(' ', '-') + ".example",
        team == null || team.equals("sales-emea") ? "DE" : "US", channel[0], channel[1] == null ? "" : channel[1],
        lead.stage, created, lead.updatedAt, segment, team == null ? "" : team, owner == null ? "" : owner,
        20 + random.nextInt(80));
  }

  /**
   * The lead's sales stages from its acceptance on. A lead the rep has no room for at the end of the history
   * ({@code settle}) is decided before the end: each step that would fall after it falls at a random moment between
   * the step before and the end instead.
   */
  private void simulateSales(Chunk chunk, Lead lead, Random random, Instant accepted, String segment, String team,
      String owner, double[] habits, Instant end, boolean settle) {
    Function<Instant, Instant> inTime = at -> settle && at.isAfter(end) ? between(random, lead.updatedAt, end) : at;
    accepted = inTime.apply(accepted);
    lead.owner = owner;
    if (random.nextDouble() < 0.15) {
      lead.move("MQL", "NURTURE", accepted, owner, REJECTIONS[random.nextInt(REJECTIONS.length)]);
      return;
    }
    if (!lead.move("MQL", "SAL", accepted, owner, null)) {
      return;
    }
    Instant contact = accepted.plus(hours(random, habits[1]));
    if (Duration.between(accepted, contact).toHours() > 24) {
      Instant due = accepted.plus(Duration.ofHours(24));
      if (due.isBefore(end)) {
        chunk.breach(lead.id, "FIRST_CONTACT", owner, team, due, due, earlier(contact, end));
      }
    }
    int attempts = 1 + random.nextInt(4);
    for (int i = 0; i < attempts && contact.isBefore(end); i++) {
      chunk.activity(lead.id, "CONTACT_ATTEMPT", contact, null, null, random.nextBoolean() ? "PHONE" : "EMAIL",
          i == attempts - 1 ? "REACHED" : "NO_ANSWER", owner);
      contact = contact.plus(hours(random, 30));
    }
    Instant next = inTime.apply(accepted.plus(days(random, 7)));
    double fate = random.nextDouble();
    if (fate >= 0.55) {
      lead.move("SAL", fate < 0.85 ? "NURTURE" : "DISQUALIFIED", next, owner,
          fate < 0.85 ? "No project yet" : "Not a fit");
      return;
    }
    if (!lead.move("SAL", "SQL", next, owner, null)) {
      return;
    }
    double size = switch (segment) {
      case "SMB" -> 8000;
      case "MID_MARKET" -> 30000;
      default -> 120000;
    };
    BigDecimal amount = BigDecimal.valueOf(size * (0.5 + random.nextDouble())).setScale(-2, RoundingMode.HALF_UP)
        .setScale(2);
    Instant close = inTime.apply(next.plus(days(random, switch (segment) {
      case "SMB" -> 14;
      case "MID_MARKET" -> 30;
      default -> 45;
    })));
    if (random.nextDouble() < 0.12 && next.plus(Duration.ofDays(21)).isBefore(end)) {
      Instant due = next.plus(Duration.ofDays(21));
      chunk.breach(lead.id, "OPPORTUNITY_STAGE", owner, team, due, due, earlier(close, end));
    }
    String state = "OPEN";
    String lostReason = null;
    String lostTo = null;
    if (close.isBefore(end)) {
      if (random.nextDouble() < 0.4) {
        state = "WON";
        lead.move("SQL", "WON", close, owner, null);
      } else {
        state = "LOST";
        lostReason = LOST_REASONS[random.nextInt(LOST_REASONS.length)];
        lostTo = lostReason.equals("Chose a competitor") ? COMPETITORS[random.nextInt(COMPETITORS.length - 1)]
            : COMPETITORS[random.nextInt(COMPETITORS.length)];
        lead.move("SQL", "LOST", close, owner, lostReason);
      }
    }
    chunk.opportunity(List.of(UUID.randomUUID(), lead.id, "Leadflow for " + lead.id.toString().substring(0, 8),
        amount, "EUR", state, lostReason == null ? "" : lostReason, lostTo == null ? "" : lostTo, owner, next,
        state.equals("OPEN") ? "" : close));
  }

  private void recordCampaignCosts(Random random, Instant end, int days) {
    LocalDate last = end.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    LocalDate first = end.minus(Duration.ofDays(days)).atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    List<Object[]> rows = new ArrayList<>();
    for (String[] channel : CHANNELS) {
      if (channel[1] != null) {
        for (LocalDate month = first; !month.isAfter(last); month = month.plusMonths(1)) {
          rows.add(new Object[] {channel[1], Date.valueOf(month), BigDecimal.valueOf(2000 + random.nextInt(13000))});
        }
      }
    }
    jdbc.batchUpdate("insert into leadflow.campaign_cost (campaign, month, amount, currency) values (?, ?, ?, 'EUR')"
        + " on conflict do nothing", rows);
  }

  private void copy(String table, StringBuilder rows) {
    if (rows.isEmpty()) {
      return;
    }
    jdbc.execute((ConnectionCallback<Long>) connection -> {
      try {
        return connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("copy " + table + " from stdin with (format csv)", new StringReader(rows.toString()));
      } catch (IOException e) {
        throw new IllegalStateException("Copying the demo history into " + table + " failed", e);
      }
    });
  }

  private static Duration hours(Random random, double median) {
    return Duration.ofSeconds((long) (median * 3600 * Math.exp(0.8 * random.nextGaussian())));
  }

  private static Duration days(Random random, double median) {
    return Duration.ofSeconds((long) (median * 86400 * Math.exp(0.6 * random.nextGaussian())));
  }

  /** A moment strictly between the two, so that the step still happens before the end. */
  private static Instant between(Random random, Instant from, Instant to) {
    long span = Duration.between(from, to).toMillis();
    return from.plusMillis(1 + (long) (random.nextDouble() * Math.max(0, span - 2)));
  }

  private static Instant earlier(Instant one, Instant other) {
    return one.isBefore(other) ? one : other;
  }

  private static int pick(Random random, double[] weights) {
    double r = random.nextDouble();
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static String otherRep(String team, String rep) {
    String[] reps = TEAMS.get(team);
    return reps[0].equals(rep) ? reps[1] : reps[0];
  }

  /** Per rep: how many leads they hold open at the end of the history, against how many they may. */
  private static final class Workload {

    final Map<String, Integer> open = new HashMap<>();

    boolean full(String rep) {
      return open.getOrDefault(rep, 0) >= (int) (CAPACITIES.get(rep) * OPEN_SHARE_OF_CAPACITY);
    }

    void holdsOneMore(String rep) {
      open.merge(rep, 1, Integer::sum);
    }
  }

  /** One lead's stages as they happen; a change after the end of the history does not happen. */
  private static final class Lead {

    final Chunk chunk;
    final UUID id;
    final Instant end;
    String stage;
    String owner;
    Instant updatedAt;

    Lead(Chunk chunk, UUID id, Instant end) {
      this.chunk = chunk;
      this.id = id;
      this.end = end;
    }

    boolean move(String from, String to, Instant at, String by, String reason) {
      if (at.isAfter(end)) {
        return false;
      }
      chunk.change(id, from, to, at, by, reason);
      stage = to;
      updatedAt = at;
      return true;
    }
  }

  /** The CSV rows of one chunk of leads, one buffer per table. */
  private static final class Chunk {

    final Instant end;

    final StringBuilder leads = new StringBuilder();
    final StringBuilder changes = new StringBuilder();
    final StringBuilder activities = new StringBuilder();
    final StringBuilder opportunities = new StringBuilder();
    final StringBuilder breaches = new StringBuilder();
    int changeCount;
    int activityCount;
    int opportunityCount;
    int breachCount;

    Chunk(Instant end) {
      this.end = end;
    }

    void change(UUID lead, String from, String to, Instant at, String by, String reason) {
      line(changes, lead, from, to, at, by, reason);
      changeCount++;
    }

    void activity(UUID lead, String type, Instant at, String channel, String campaign, String subject,
        String outcome, String by) {
      line(activities, UUID.randomUUID(), lead, type, at, channel, campaign, subject, outcome, by);
      activityCount++;
    }

    void opportunity(List<Object> row) {
      line(opportunities, row.toArray());
      opportunityCount++;
    }

    /** A breach resolved at {@code resolved}; at the end of the history it is still open. */
    void breach(UUID lead, String step, String owner, String team, Instant due, Instant breached, Instant resolved) {
      line(breaches, lead, step, owner, team, due, breached, "demo-history", resolved.equals(end) ? null : resolved);
      breachCount++;
    }

    static void line(StringBuilder csv, Object... values) {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          csv.append(',');
        }
        Object value = values[i];
        // an unquoted empty field is NULL in COPY's CSV format
        if (value != null && !"".equals(value)) {
          csv.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
        }
      }
      csv.append('\n');
    }
  }
}
