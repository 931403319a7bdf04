package io.leadflow.reliability;

import static io.leadflow.lifecycle.LeadLifecycle.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.Mailbox;
import io.leadflow.intake.Budget;
import io.leadflow.intake.Industry;
import io.leadflow.intake.JobLevel;
import io.leadflow.intake.LeadIntake;
import io.leadflow.intake.NewLead;
import io.leadflow.intake.RequestType;
import io.leadflow.intake.Timeframe;
import io.leadflow.lead.ActivityType;
import io.leadflow.erasure.ErasureRequests;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LifecycleDriver;
import io.leadflow.metrics.LeadOwnership;
import io.leadflow.nurture.ActivityReport;
import io.leadflow.nurture.LeadEngagement;
import io.leadflow.nurture.Unsubscribes;
import io.leadflow.routing.SalesOrganisation;
import io.leadflow.sla.WorkingTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A quarter of lead management on the engine clock, on the whole application and a real PostgreSQL: leads arrive at
 * all hours, reps accept, reject, hand over, ignore their tasks, go on holiday, qualify and lose deals, marketing ops
 * review, the CRM and the mail server go down, leads unsubscribe, ask to be erased, and leads that went dormant come
 * back; through weekends and public holidays (Q1 2027: New Year, Martin Luther King Day, Carnival, Easter).
 *
 * <p>The test plays the job executor: every acquisition cycle (one minute of engine time) it runs what is due, as
 * the job executor would, and it jumps over the minutes in which nothing is due. At the end of every simulated day
 * the ownership check ({@link LeadOwnership}) must find no lead of the quarter left without an owned wait, and at the
 * end every missed deadline must have been escalated within one cycle of it, within its owner's working hours.
 *
 * <p>{@code ./mvnw verify} runs {@value #DEFAULT_LEADS} leads; {@code ./mvnw -Pquarter verify} runs the full quarter
 * with 10,000 ({@code -Dquarter.leads}, {@code -Dquarter.seed}). Either prints a report and writes it to
 * {@code target/simulated-quarter.txt}.
 */
@LeadflowIntegrationTest
class SimulatedQuarterIT {

  static final int DEFAULT_LEADS = 40;
  /** From this many leads on, the quarter must have reached every end state. */
  private static final int EVERY_END_STATE = 160;
  private static final int LEADS = Integer.getInteger("quarter.leads", DEFAULT_LEADS);
  private static final long SEED = Long.getLong("quarter.seed", 2027L);
  /** One acquisition cycle of the job executor, in engine time. */
  private static final Duration CYCLE = Duration.ofMinutes(1);
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Instant START = LocalDateTime.of(2027, 1, 1, 0, 0).atZone(BERLIN).toInstant();
  private static final Instant END = LocalDateTime.of(2027, 4, 1, 0, 0).atZone(BERLIN).toInstant();
  private static final String DOMAIN = "quarter.example";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired SalesOrganisation organisation;
  @Autowired LeadIntake intake;
  @Autowired Unsubscribes unsubscribes;
  @Autowired ErasureRequests erasures;
  @Autowired LeadEngagement engagement;
  @Autowired LeadOwnership ownership;
  @Autowired WorkingTime workingTime;
  @Autowired LifecycleDriver driver;
  @Autowired Mailbox mailbox;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired JdbcTemplate jdbc;

  private final Random random = new Random(SEED);
  private final PriorityQueue<Action> agenda = new PriorityQueue<>();
  private final Set<String> seenTasks = new HashSet<>();
  private final Map<UUID, Plan> plans = new HashMap<>();
  private final Map<Kind, List<Integer>> people = new HashMap<>();
  private final Set<UUID> leads = new HashSet<>();
  private final Map<String, List<String>> reps = new LinkedHashMap<>();
  private final Set<String> onHoliday = new HashSet<>();
  private final Map<String, Long> counters = new TreeMap<>();
  private Instant now;
  private long sequence;
  private long ticks;
  private long jobs;
  private int daysChecked;
  private LocalDate holidayFrom;
  private LocalDate holidayUntil;
  private int mailPort;
  private Instant decidedUntil = Instant.EPOCH;

  @Test
  void shouldOwnEveryLeadEveryDayOfAQuarterAndEscalateEveryBreachWithinOneCycle() throws IOException {
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getJobExecutor();
    jobExecutor.shutdown();
    mailPort = mailSender.getPort();
    long began = System.nanoTime();
    try {
      organise();
      warmUpDormantCohort();
      plan();
      run();
      report(Duration.ofNanos(System.nanoTime() - began));
    } finally {
      mailSender.setPort(mailPort);
      crm(true);
      ClockUtil.reset();
      cleanUp();
      jobExecutor.start();
    }
  }

  // -------------------------------------------------------------------------------------------------- organisation

  /** Reps of their own for the quarter, enough for its leads, so that the demo reps' capacities do not matter. */
  private void organise() {
    int perTeam = Math.max(3, LEADS / 150);
    for (String team : List.of("sales-emea", "sales-americas", "partner-latam")) {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= (team.equals("partner-latam") ? Math.max(2, perTeam / 3) : perTeam); i++) {
        // user ids are letters and digits (the engine's whitelist)
        String id = "q" + team.substring(team.indexOf('-') + 1) + i;
        if (identity.createUserQuery().userId(id).count() == 0) {
          User user = identity.newUser(id);
          user.setFirstName("Quarter");
          user.setLastName(team + " " + i);
          user.setEmail(id + "@leadflow.example");
          user.setPassword("LeadflowDemo-1");
          identity.saveUser(user);
        }
        organisation.saveRep(id, team, 100_000, true);
        ids.add(id);
      }
      reps.put(team, ids);
    }
    // one rep of each team takes a week off in February: new leads skip them, their open tasks run late
    holidayFrom = LocalDate.of(2027, 2, 8);
    holidayUntil = LocalDate.of(2027, 2, 12);
    for (List<String> team : reps.values()) {
      onHoliday.add(team.get(0));
      organisation.outOfOffice(team.get(0), holidayFrom, holidayUntil);
    }
  }

  // -------------------------------------------------------------------------------------------------- the quarter

  /** Leads nurtured since the summer: they go dormant in the quarter, and some come back. */
  private void warmUpDormantCohort() {
    now = START.minus(Duration.ofDays(190));
    ClockUtil.setCurrentTime(Date.from(now));
    int cohort = Math.max(4, LEADS / 16);
    for (int i = 0; i < cohort; i++) {
      int n = i;
      UUID lead = capture(Kind.NOT_READY, "DE", n);
      if (random.nextBoolean()) {
        // back in the quarter, months after going dormant: a visit, or a demo request
        Instant at = START.plus(Duration.ofDays(20 + random.nextInt(60))).plus(Duration.ofMinutes(random.nextInt(600)));
        boolean demo = random.nextInt(3) == 0;
        at(at, () -> {
          count(demo ? "dormant lead asks for a demo" : "dormant lead visits the pricing page");
          if (demo) {
            intake.capture(lead(Kind.FITTING_HAND_RAISER, "DE", emailOf(lead), n), "web");
          } else {
            engage(lead);
          }
        });
      }
    }
    // the cohort's nurture runs until the quarter starts; the tasks nobody owes a decision yet
    simulate(START);
  }

  private void plan() {
    for (int i = 0; i < LEADS; i++) {
      Kind kind = kind();
      String country = country(kind);
      Instant at = arrival(country);
      int n = i;
      at(at, () -> {
        UUID lead = capture(kind, country, 10_000 + n);
        if (random.nextInt(100) < 3) {
          at(now.plus(Duration.ofHours(2 + random.nextInt(24 * 40))), () -> {
            count("unsubscribed");
            unsubscribes.unsubscribe(lead, "unsubscribe link");
          });
        } else if (random.nextInt(100) < 1) {
          at(now.plus(Duration.ofHours(2 + random.nextInt(24 * 40))), () -> {
            count("erasure requested");
            erasures.erase(lead, "Ticket DPO-" + n, "mia");
          });
        }
        if (kind == Kind.NOT_READY && random.nextInt(100) < 30) {
          for (int visit = 0; visit < 1 + random.nextInt(3); visit++) {
            at(now.plus(Duration.ofHours(24 + random.nextInt(24 * 50))), () -> engage(lead));
          }
        }
      });
    }
    // outages: the CRM twice, the mail server twice; afterwards a manager retries what stopped with an incident
    outage(LocalDateTime.of(2027, 1, 12, 10, 0), Duration.ofHours(3), this::crm);
    outage(LocalDateTime.of(2027, 3, 3, 14, 0), Duration.ofMinutes(150), this::crm);
    outage(LocalDateTime.of(2027, 2, 2, 9, 30), Duration.ofMinutes(90), this::mail);
    outage(LocalDateTime.of(2027, 3, 16, 15, 0), Duration.ofHours(2), this::mail);
  }

  private void run() {
    for (Instant day = START.plus(Duration.ofDays(1)); !day.isAfter(END); day = day.plus(Duration.ofDays(1))) {
      simulate(day);
      mailbox.empty();
      // the invariant, as the scheduled check finds it at the end of each day
      List<LeadOwnership.Violation> violations = ownership.violations().stream()
          .filter(violation -> leads.contains(violation.leadId())).toList();
      assertThat(violations).as("leads not owned on %s", day.atZone(BERLIN).toLocalDate()).isEmpty();
      daysChecked++;
    }
  }

  /** Runs the engine and the people until {@code until}: cycle by cycle, skipping the cycles without due work. */
  private void simulate(Instant until) {
    while (true) {
      Instant next = nextDueJob();
      if (!agenda.isEmpty() && (next == null || agenda.peek().at.isBefore(next))) {
        next = agenda.peek().at;
      }
      if (next == null || !next.isBefore(until)) {
        now = until;
        ClockUtil.setCurrentTime(Date.from(now));
        return;
      }
      // the job executor acquires what fell due at its next cycle
      Instant tick = cycleAfter(next);
      now = tick.isBefore(now) ? now : tick;
      ClockUtil.setCurrentTime(Date.from(now));
      ticks++;
      while (!agenda.isEmpty() && !agenda.peek().at.isAfter(now)) {
        agenda.poll().what.run();
        runDueJobs();
      }
      runDueJobs();
      decideNewTasks();
    }
  }

  private Instant cycleAfter(Instant instant) {
    long cycles = (instant.toEpochMilli() + CYCLE.toMillis() - 1) / CYCLE.toMillis();
    return Instant.ofEpochMilli(cycles * CYCLE.toMillis());
  }

  private Instant nextDueJob() {
    Date due = jdbc.queryForObject("select min(duedate_) from public.act_ru_job where retries_ > 0 "
        + "and suspension_state_ = 1 and duedate_ is not null", Date.class);
    return due == null ? null : due.toInstant();
  }

  private void runDueJobs() {
    for (int round = 0; round < 1000; round++) {
      List<Job> due = management.createJobQuery().executable().orderByJobDuedate().asc().listPage(0, 200);
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
          jobs++;
        } catch (RuntimeException failed) {
          // as under the job executor: retries count down, the job is due again later, then an incident
          count("job failures");
        }
      }
    }
    throw new IllegalStateException("Jobs keep coming at " + now);
  }

  // -------------------------------------------------------------------------------------------------- people

  private void decideNewTasks() {
    List<Task> created = tasks.createTaskQuery().taskCreatedAfter(Date.from(decidedUntil)).list();
    decidedUntil = now.minusMillis(1);
    for (Task task : created) {
      if (!seenTasks.add(task.getId())) {
        continue;
      }
      String leadKey = businessKey(task);
      UUID lead = leadKey == null ? null : uuid(leadKey);
      if (lead == null || !leads.contains(lead)) {
        continue;
      }
      switch (task.getTaskDefinitionKey()) {
        case LeadLifecycle.Elements.TASK_ACCEPT_LEAD -> accept(task, lead);
        case LeadLifecycle.Elements.TASK_FOLLOW_UP_WITH_LEAD -> followUp(task, lead);
        case LeadLifecycle.Elements.TASK_WORK_OPPORTUNITY -> workOpportunity(task, lead);
        case LeadLifecycle.Elements.TASK_REVIEW_MQL -> review(task, lead);
        case LeadLifecycle.Elements.TASK_FIX_LEAD_DATA -> fixData(task, lead);
        case "Task_SendPrintedKit" -> sendKit(task);
        default -> count("tasks left alone: " + task.getTaskDefinitionKey());
      }
    }
  }

  private void accept(Task task, UUID lead) {
    int choice = random.nextInt(100);
    if (choice < 15) {
      count("acceptance ignored");
      return;
    }
    decide(task, beforeDue(task, 10), owner -> {
      if (choice < 22) {
        count("rejected to nurture");
        complete(owner, task, Map.of(ACCEPT_OUTCOME, "REJECT", REJECT_TO, "NURTURE", STAGE_REASON, "Not now"));
      } else if (choice < 25) {
        count("rejected as disqualified");
        complete(owner, task, Map.of(ACCEPT_OUTCOME, "REJECT", REJECT_TO, "DISQUALIFIED", STAGE_REASON,
            "Reseller"));
      } else if (choice < 30 && teammate(task, owner) != null) {
        count("handed to a teammate");
        complete(owner, task, Map.of(ACCEPT_OUTCOME, "HAND_OVER", HAND_OVER_TO, teammate(task, owner)));
      } else {
        count("accepted");
        complete(owner, task, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
      }
    });
  }

  private void followUp(Task task, UUID lead) {
    Plan plan = plans.computeIfAbsent(lead, id -> new Plan());
    if (plan.followUp == null) {
      int choice = random.nextInt(100);
      plan.followUp = choice < 15 ? "IGNORE" : choice < 50 ? "QUALIFIED" : choice < 65 ? "NEEDS_NURTURING"
          : choice < 85 ? "NO_RESPONSE" : "DISQUALIFY";
      plan.attempts = plan.followUp.equals("NO_RESPONSE") ? 3 + random.nextInt(3) : random.nextInt(3);
    }
    if (plan.followUp.equals("IGNORE")) {
      count("follow-up ignored");
      plan.followUp = null;
      return;
    }
    boolean attempt = plan.attempts > 0;
    decide(task, attempt && plan.logged == 0 ? beforeDue(task, 20) : workingDelay(120, 900), owner -> {
      if (attempt) {
        plan.attempts--;
        plan.logged++;
        count("contact attempts");
        complete(owner, task, Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT", CONTACT_CHANNEL, "CALL",
            CONTACT_OUTCOME, random.nextBoolean() ? "NO_ANSWER" : "REACHED"));
        return;
      }
      String outcome = plan.followUp;
      plan.followUp = null;
      plan.logged = 0;
      count("follow-up " + outcome);
      complete(owner, task, switch (outcome) {
        case "QUALIFIED" -> Map.of(FOLLOW_UP_OUTCOME, outcome, OPPORTUNITY_AMOUNT, 10_000 + random.nextInt(90_000),
            EXPECTED_CLOSE_DATE, now.plus(Duration.ofDays(60)).atZone(BERLIN).toLocalDate().toString());
        default -> Map.of(FOLLOW_UP_OUTCOME, outcome, STAGE_REASON, "Follow-up: " + outcome.toLowerCase());
      });
    });
  }

  private void workOpportunity(Task task, UUID lead) {
    int choice = random.nextInt(100);
    if (choice < 10) {
      count("opportunity left to stall");
      return;
    }
    decide(task, workingDelay(60 * 8, 60 * 8 * 25), owner -> {
      if (choice < 25) {
        count("forecast updated");
        complete(owner, task, Map.of(OPPORTUNITY_OUTCOME, "UPDATE", OPPORTUNITY_AMOUNT, 20_000,
            EXPECTED_CLOSE_DATE, now.plus(Duration.ofDays(45)).atZone(BERLIN).toLocalDate().toString()));
      } else if (choice < 35) {
        count("opportunity on hold");
        complete(owner, task, Map.of(OPPORTUNITY_OUTCOME, "ON_HOLD", STAGE_REASON, "Budget freeze",
            REVISIT_ON, now.plus(Duration.ofDays(20 + random.nextInt(30))).atZone(BERLIN).toLocalDate().toString()));
      } else if (choice < 62) {
        count("won");
        complete(owner, task, Map.of(OPPORTUNITY_OUTCOME, "WON", OPPORTUNITY_AMOUNT, 25_000));
      } else {
        count("lost");
        complete(owner, task, Map.of(OPPORTUNITY_OUTCOME, "LOST", LOST_TO, "RivalSoft", LOST_REASON, "Price"));
      }
    });
  }

  private void review(Task task, UUID lead) {
    decideAs(task, beforeDue(task, 15), () -> {
      int choice = random.nextInt(100);
      if (choice < 60) {
        count("reviewed: routed");
        String country = jdbc.queryForObject("select country from leadflow.lead where id = ?", String.class, lead);
        complete("mia", task, Map.of(REVIEW_OUTCOME, "ROUTE", SALES_TEAM,
            List.of("US", "CA", "MX", "BR").contains(country) ? "sales-americas" : "sales-emea"));
      } else if (choice < 85) {
        count("reviewed: back to nurture");
        complete("mia", task, Map.of(REVIEW_OUTCOME, "NURTURE", STAGE_REASON, "Not ready yet"));
      } else {
        count("reviewed: disqualified");
        complete("mia", task, Map.of(REVIEW_OUTCOME, "DISQUALIFY", STAGE_REASON, "Not a buyer"));
      }
    });
  }

  private void fixData(Task task, UUID lead) {
    decideAs(task, workingDelay(30, 400), () -> {
      Map<String, Object> data = jdbc.queryForMap("select email, first_name, last_name, company, country "
          + "from leadflow.lead where id = ?", lead);
      count("data fixed");
      // the CRM refused a second lead of one person: marketing ops tell the two people apart by their full name
      complete("mia", task, Map.of("correctedEmail", data.get("email"), "correctedFirstName", data.get("first_name"),
          "correctedLastName", data.get("last_name") + " Jr.", "correctedCompany", data.get("company"),
          "correctedCountry", data.get("country")));
    });
  }

  private void sendKit(Task task) {
    boolean late = random.nextInt(100) < 15;
    decideAs(task, late ? workingDelay(60 * 8 * 3, 60 * 8 * 4) : workingDelay(60, 60 * 8), () -> {
      count(late ? "printed kit sent late" : "printed kit sent");
      complete("mia", task, Map.of("kitOutcome", "SENT", "shippingAddress", "Hauptstr. 1, Berlin",
          "carrier", "DHL"));
    });
  }

  /** The owner (or, for a team's queue, a rep of the team) acts after the delay, unless they are on holiday. */
  private void decide(Task task, Duration delay, Consumer<String> action) {
    at(now.plus(delay), () -> {
      Task open = tasks.createTaskQuery().taskId(task.getId()).singleResult();
      if (open == null) {
        return;
      }
      String owner = open.getAssignee() != null ? open.getAssignee() : teamRep(open);
      LocalDate today = now.atZone(BERLIN).toLocalDate();
      if (owner == null || onHoliday.contains(owner) && !today.isBefore(holidayFrom) && !today.isAfter(holidayUntil)) {
        count("task of a rep on holiday left");
        return;
      }
      action.accept(owner);
    });
  }

  /** Marketing ops (mia) act after the delay. */
  private void decideAs(Task task, Duration delay, Runnable action) {
    at(now.plus(delay), () -> {
      if (tasks.createTaskQuery().taskId(task.getId()).count() > 0) {
        action.run();
      }
    });
  }

  private void complete(String user, Task task, Map<String, Object> variables) {
    try {
      driver.completeAsAllowingFailures(user, task, variables);
    } catch (RuntimeException refused) {
      count("completions refused");
    }
  }

  private String teamRep(Task task) {
    String team = (String) runtime.getVariable(task.getProcessInstanceId(), SALES_TEAM);
    List<String> teamReps = team == null ? null : reps.get(team);
    return teamReps == null ? null : teamReps.get(teamReps.size() - 1);
  }

  private String teammate(Task task, String owner) {
    String team = (String) runtime.getVariable(task.getProcessInstanceId(), SALES_TEAM);
    List<String> candidates = team == null || !reps.containsKey(team) ? List.of() : reps.get(team).stream()
        .filter(rep -> !rep.equals(owner) && !onHoliday.contains(rep)).toList();
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  /**
   * Most people act before the task's due date, some after it (percent {@code late}: from just after it to a working
   * day late).
   */
  private Duration beforeDue(Task task, int late) {
    if (task.getDueDate() == null || !task.getDueDate().toInstant().isAfter(now)) {
      return workingDelay(5, 60);
    }
    long left = Duration.between(now, task.getDueDate().toInstant()).toMillis();
    if (random.nextInt(100) < late) {
      count("done late");
      return Duration.ofMillis(left).plus(workingDelay(1, 480));
    }
    return Duration.ofMillis((long) (left * (0.05 + 0.9 * random.nextDouble())));
  }

  /** People act during working hours, mostly: a delay in working minutes, now and then an evening's work. */
  private Duration workingDelay(int fromMinutes, int toMinutes) {
    Duration delay = Duration.ofMinutes(fromMinutes + random.nextInt(Math.max(1, toMinutes - fromMinutes)));
    Instant at = random.nextInt(10) == 0 ? now.plus(delay) : workingTime.add(now, delay, null);
    return Duration.between(now, at);
  }

  // -------------------------------------------------------------------------------------------------- leads

  private enum Kind { FITTING_HAND_RAISER, UNFITTING_HAND_RAISER, FITTING_INQUIRY, NOT_READY, UNROUTABLE }

  private Kind kind() {
    int choice = random.nextInt(100);
    return choice < 30 ? Kind.FITTING_HAND_RAISER : choice < 35 ? Kind.UNFITTING_HAND_RAISER
        : choice < 55 ? Kind.FITTING_INQUIRY : choice < 95 ? Kind.NOT_READY : Kind.UNROUTABLE;
  }

  private String country(Kind kind) {
    if (kind == Kind.UNROUTABLE) {
      return "JP";
    }
    int choice = random.nextInt(100);
    return choice < 50 ? List.of("DE", "GB", "FR", "NL").get(random.nextInt(4)) : choice < 85
        ? List.of("US", "CA").get(random.nextInt(2)) : List.of("BR", "MX").get(random.nextInt(2));
  }

  /** Most leads arrive in the working hours of their region, some in the evening, at night or at the weekend. */
  private Instant arrival(String country) {
    ZoneId zone = List.of("US", "CA", "MX", "BR").contains(country) ? NEW_YORK : BERLIN;
    LocalDate day = START.atZone(BERLIN).toLocalDate().plusDays(random.nextInt(89));
    boolean office = random.nextInt(100) < 80;
    LocalDateTime at = office ? day.atTime(8 + random.nextInt(10), random.nextInt(60))
        : day.atTime(random.nextInt(24), random.nextInt(60));
    return at.atZone(zone).toInstant();
  }

  /**
   * A person of their own, with a name of their own; now and then (2 %) a person the quarter already knows writes in
   * from a second address, which the CRM's duplicate rule refuses until marketing ops correct it.
   */
  private UUID capture(Kind kind, String country, int n) {
    String email = "q" + n + "@" + kind.name().toLowerCase().replace('_', '-') + "-" + n + "." + DOMAIN;
    if (kind == Kind.UNFITTING_HAND_RAISER) {
      email = "quarter.lead." + n + "@gmail.com";
    }
    List<Integer> known = people.computeIfAbsent(kind, k -> new ArrayList<>());
    int person = !known.isEmpty() && random.nextInt(100) < 2 ? known.get(random.nextInt(known.size())) : n;
    if (person == n) {
      known.add(n);
    } else {
      count("second address of a known person");
    }
    UUID lead = intake.capture(lead(kind, country, email, person), "web");
    leads.add(lead);
    count("leads: " + kind.name().toLowerCase().replace('_', ' '));
    return lead;
  }

  private NewLead lead(Kind kind, String country, String email, int person) {
    String surname = surname(person);
    return switch (kind) {
      case FITTING_HAND_RAISER -> new NewLead(email, "Hana", "Raiser-" + surname, "Raiser Systems", "CTO",
          "+49 30 1234567", country, "web-form", "q1-demo", RequestType.DEMO, "product-overview", null,
          Industry.SOFTWARE, random.nextBoolean() ? 2500 : 250, JobLevel.DECISION_MAKER, null, Budget.CONFIRMED, null,
          null, Timeframe.WITHIN_3_MONTHS, true);
      case UNFITTING_HAND_RAISER -> new NewLead(email, "Una", "Sparse-" + surname, "Sparse Ventures", null, null,
          country, "web-form", "q1-demo", RequestType.DEMO, null, null, null, null, null, null, null, null, null, null,
          true);
      case FITTING_INQUIRY, UNROUTABLE -> new NewLead(email, "Fia", "Fit-" + surname, "Fit Industries", "CIO",
          "+49 30 7654321", country, "content-download", "q1-ebook", RequestType.CONTENT_DOWNLOAD, "roi-guide", null,
          Industry.SOFTWARE, 2500, JobLevel.DECISION_MAKER, null, Budget.CONFIRMED, null, null,
          Timeframe.WITHIN_3_MONTHS, true);
      case NOT_READY -> new NewLead(email, "Nia", "Later-" + surname, "Later Bakery", "Owner", null, country,
          "content-download", "q1-ebook", RequestType.CONTENT_DOWNLOAD, "roi-guide", null, Industry.RETAIL, 8,
          JobLevel.USER, null, null, null, null, null, random.nextInt(10) > 0);
    };
  }

  /** A surname of the person's own, in letters as names are: Kalomi, Kalomu, ... */
  private static String surname(int person) {
    String[] syllables = {"ka", "lo", "mi", "nu", "re", "sa", "to", "vi"};
    StringBuilder name = new StringBuilder();
    for (int rest = person; rest > 0 || name.isEmpty(); rest /= syllables.length) {
      name.append(syllables[rest % syllables.length]);
    }
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private void engage(UUID lead) {
    count("engagements");
    engagement.record(lead, new ActivityReport(null, ActivityType.PRICING_PAGE_VISIT, null,
        "https://leadflow.example/pricing", null, null, null), "web");
  }

  private String emailOf(UUID lead) {
    return jdbc.queryForObject("select email from leadflow.lead where id = ?", String.class, lead);
  }

  // -------------------------------------------------------------------------------------------------- outages

  private void outage(LocalDateTime from, Duration length, Consumer<Boolean> system) {
    Instant start = from.atZone(BERLIN).toInstant();
    at(start, () -> {
      count("outages");
      system.accept(false);
    });
    at(start.plus(length), () -> system.accept(true));
    // the next morning at the latest, a manager retries in Cockpit what stopped with an incident
    at(start.plus(length).plus(Duration.ofMinutes(30)), this::retryFailedJobs);
  }

  private void crm(boolean up) {
    for (String table : List.of("crm_lead", "crm_activity", "crm_opportunity")) {
      jdbc.execute(up ? "alter table leadflow." + table + " drop constraint if exists crm_outage"
          : "alter table leadflow." + table + " add constraint crm_outage check (false) not valid");
    }
  }

  private void mail(boolean up) {
    // port 9 (discard) has no SMTP server: every mail step fails and is retried
    mailSender.setPort(up ? mailPort : 9);
  }

  private void retryFailedJobs() {
    for (Job job : management.createJobQuery().noRetriesLeft().list()) {
      count("failed steps retried in Cockpit");
      management.setJobRetries(job.getId(), 1);
    }
  }

  // -------------------------------------------------------------------------------------------------- report

  private void report(Duration took) throws IOException {
    String ids = leads.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    Map<String, Long> stages = new TreeMap<>();
    jdbc.query("select stage, count(*) as n from leadflow.lead where id in (" + ids + ") group by stage",
        row -> {
          stages.put(row.getString("stage"), row.getLong("n"));
        });
    List<Long> delays = new ArrayList<>();
    Map<String, Long> breaches = new TreeMap<>();
    List<String> outOfHours = new ArrayList<>();
    List<String> late = new ArrayList<>();
    jdbc.query("select lead_id, step, team, due_at, breached_at from leadflow.sla_breach where lead_id in (" + ids
        + ")", row -> {
          Instant due = row.getTimestamp("due_at").toInstant();
          Instant breached = row.getTimestamp("breached_at").toInstant();
          delays.add(Duration.between(due, breached).toMillis());
          if (Duration.between(due, breached).compareTo(CYCLE) > 0) {
            late.add(row.getString("step") + " of lead " + row.getString("lead_id") + " due " + due + ", escalated "
                + breached + " after the failed steps " + jdbc.queryForList("select j.act_id_ || ' at ' || "
                + "j.timestamp_ || ': ' || j.job_exception_msg_ from public.act_hi_job_log j join public.act_hi_procinst"
                + " p on p.proc_inst_id_ = j.process_instance_id_ where j.job_state_ = 1 and p.business_key_ = ?",
                String.class, row.getString("lead_id")));
          }
          breaches.merge(row.getString("step"), 1L, Long::sum);
          String team = List.of("MQL_REVIEW", "DATA_FIX", "PRINTED_KIT").contains(row.getString("step")) ? null
              : row.getString("team");
          if (!workingTime.isWorkingMoment(due, team)) {
            outOfHours.add(row.getString("step") + " due " + due + " (" + team + ")");
          }
        });
    List<String> remindersOutOfHours = new ArrayList<>();
    jdbc.query("""
        select j.act_id_, j.job_duedate_, l.team from public.act_hi_job_log j
        join public.act_hi_procinst p on p.proc_inst_id_ = j.process_instance_id_
        join leadflow.lead l on l.id::text = p.business_key_
        where j.job_state_ = 0 and j.act_id_ like '%ReminderDue' and l.id in (""" + ids + ")", row -> {
          String activity = row.getString("act_id_");
          String team = activity.startsWith("BoundaryEvent_Review") || activity.startsWith("BoundaryEvent_DataFix")
              ? null : row.getString("team");
          Instant due = row.getTimestamp("job_duedate_").toInstant();
          if (!workingTime.isWorkingMoment(due, team)) {
            remindersOutOfHours.add(activity + " due " + due + " (" + team + ")");
          }
        });
    delays.sort(Long::compare);
    long p99 = delays.isEmpty() ? 0 : delays.get((int) Math.ceil(delays.size() * 0.99) - 1);
    long max = delays.isEmpty() ? 0 : delays.get(delays.size() - 1);
    long incidents = jdbc.queryForObject("select count(*) from public.act_hi_incident i join public.act_hi_procinst p "
        + "on p.proc_inst_id_ = i.proc_inst_id_ where p.business_key_ in (" + ids + ")", Long.class);

    StringBuilder text = new StringBuilder();
    text.append("Simulated quarter ").append(START.atZone(BERLIN).toLocalDate()).append(" to ")
        .append(END.atZone(BERLIN).toLocalDate().minusDays(1)).append(": ").append(leads.size())
        .append(" leads (seed ").append(SEED).append("), ").append(took.toSeconds()).append(" s\n");
    text.append("  days checked: ").append(daysChecked).append(", leads not owned on any of them: 0\n");
    text.append("  job acquisition cycles run: ").append(ticks).append(", jobs executed: ").append(jobs).append('\n');
    text.append("  leads per stage at the end:\n");
    stages.forEach((stage, n) -> text.append(String.format("    %-14s %6d%n", stage, n)));
    text.append("  SLA breaches: ").append(delays.size()).append('\n');
    breaches.forEach((step, n) -> text.append(String.format("    %-18s %6d%n", step, n)));
    text.append("  escalation delay after the deadline: p99 ").append(Duration.ofMillis(p99).toSeconds())
        .append(" s, max ").append(Duration.ofMillis(max).toSeconds()).append(" s (one cycle: ")
        .append(CYCLE.toSeconds()).append(" s)\n");
    text.append("  escalations outside the owner's working hours: ").append(outOfHours.size())
        .append(", reminders outside them: ").append(remindersOutOfHours.size()).append('\n');
    text.append("  incidents raised (failed steps, breaches): ").append(incidents).append('\n');
    text.append("  what people and systems did:\n");
    counters.forEach((what, n) -> text.append(String.format("    %-40s %6d%n", what, n)));
    System.out.println(text);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/simulated-quarter.txt"), text);

    assertThat(delays).as("SLA breaches of the quarter").isNotEmpty();
    assertThat(late).as("escalations later than one cycle after their deadline").isEmpty();
    assertThat(outOfHours).as("escalations outside the owner's working hours").isEmpty();
    assertThat(remindersOutOfHours).as("reminders outside the owner's working hours").isEmpty();
    if (LEADS >= EVERY_END_STATE) {
      // a sample this large reaches every way a lead's quarter can end; the build's small one need not
      assertThat(stages.keySet()).as("end states reached").contains("WON", "LOST", "DISQUALIFIED", "NURTURE",
          "UNSUBSCRIBED", "DORMANT");
    }
  }

  // -------------------------------------------------------------------------------------------------- plumbing

  private void cleanUp() {
    List<String> running = runtime.createProcessInstanceQuery().rootProcessInstances().list().stream()
        .filter(instance -> instance.getBusinessKey() != null && leads.contains(uuid(instance.getBusinessKey())))
        .map(ProcessInstance::getId).toList();
    if (!running.isEmpty()) {
      runtime.deleteProcessInstances(running, "simulated quarter over", true, true);
    }
    if (!leads.isEmpty()) {
      jdbc.update("update leadflow.lead set stage = 'DISQUALIFIED' where id in (" + leads.stream()
          .map(id -> "'" + id + "'").collect(Collectors.joining(",")) + ") and stage not in ('WON', 'DISQUALIFIED', "
          + "'UNSUBSCRIBED', 'ERASED', 'DORMANT')");
    }
    reps.values().stream().flatMap(List::stream).forEach(rep -> {
      organisation.outOfOffice(rep, null, null);
      organisation.saveRep(rep, jdbc.queryForObject("select team_id from leadflow.sales_rep where user_id = ?",
          String.class, rep), 1, false);
    });
  }

  private void at(Instant at, Runnable what) {
    agenda.add(new Action(at, sequence++, what));
  }

  private void count(String what) {
    counters.merge(what, 1L, Long::sum);
  }

  private String businessKey(Task task) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult();
    return instance == null ? null : instance.getBusinessKey();
  }

  private static UUID uuid(String key) {
    try {
      return UUID.fromString(key);
    } catch (IllegalArgumentException notALead) {
      return null;
    }
  }

  /** A lead's plan for its follow-up: how many attempts and how it ends. */
  private static final class Plan {
    String followUp;
    int attempts;
    int logged;
  }

  private record Action(Instant at, long sequence, Runnable what) implements Comparable<Action> {

    @Override
    public int compareTo(Action other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
