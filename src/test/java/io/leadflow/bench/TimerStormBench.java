package io.leadflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.reliability.PackagedApp;
import io.leadflow.reliability.SharedInfrastructure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Monday morning: thousands of acceptance deadlines fall due at once. Measures how fast the escalations (reassign
 * the late lead, tell the manager) run on one node and on two nodes sharing the database, against timers that only
 * end their process, measured in the same run on the same nodes.
 */
class TimerStormBench {

  private static final int LEADS = Load.intProperty("bench.timers", 10_000);
  private static final int CLIENTS = Load.intProperty("bench.clients", 8);
  private static final String ACCEPTANCE_BREACH = "BoundaryEvent_AcceptanceSlaBreached";
  private static final String ESCALATION = "Task_ReassignLateLead";

  @Test
  void escalationsAgainstBareTimersOnOneAndTwoNodes() throws Exception {
    Figures figures = new Figures("timer-storm");
    String historyLevel;
    try (SharedInfrastructure shared = new SharedInfrastructure(true);
        PackagedApp first = PackagedApp.node("bench-node-1", shared.jdbcUrl(), shared.smtpPort());
        PackagedApp second = PackagedApp.node("bench-node-2", shared.jdbcUrl(), shared.smtpPort())) {
      JdbcTemplate jdbc = shared.jdbc;
      first.start().awaitHealthy(Load.startTimeout());
      historyLevel = Load.historyLevel(jdbc);
      // on the tables the application created
      BareEngine bare = new BareEngine(shared.jdbcUrl(), CLIENTS);
      Map<String, Long> created = Load.postLeads(first, "storm", LEADS, CLIENTS, new Latencies());
      assertThat(created).as("leads created for the storm").hasSize(LEADS);
      awaitDeadlinesWaiting(jdbc);

      double bareOneNode = bareTimerStorm(bare, jdbc);
      Cost cost = Cost.startCounting(first, jdbc);
      double escalationsOneNode = escalationStorm(jdbc);
      figures.add("bare timers, 1 node", bareOneNode, "timers/s");
      figures.add("acceptance escalations, 1 node", escalationsOneNode, "leads/s");
      double statementsPerEscalation = cost.per("escalation (1 node, every job it led to)", LEADS, figures);
      figures.atMost("SQL statements per escalation", statementsPerEscalation, "", 70);
      figures.atLeast("escalations / bare timers, 1 node", escalationsOneNode / bareOneNode, "ratio", 0.45);
      figures.key("escalationsPerSecond", escalationsOneNode);
      figures.key("bareTimersPerSecond", bareOneNode);
      figures.key("statementsPerEscalation", statementsPerEscalation);

      second.start().awaitHealthy(Load.startTimeout());
      // every escalation offered the lead to the next rep, with a new acceptance deadline
      awaitDeadlinesWaiting(jdbc);
      double bareTwoNodes = bareTimerStorm(bare, jdbc);
      double escalationsTwoNodes = escalationStorm(jdbc);
      figures.add("bare timers, 2 nodes", bareTwoNodes, "timers/s");
      figures.add("acceptance escalations, 2 nodes", escalationsTwoNodes, "leads/s");
      figures.add("escalations / bare timers, 2 nodes", escalationsTwoNodes / bareTwoNodes, "ratio");
      // two nodes must be faster than one, not slower
      figures.atLeast("speed-up of escalations, 2 nodes / 1 node", escalationsTwoNodes / escalationsOneNode, "ratio",
          1);
      figures.add("escalations run by node 2 in the 2-node storm", jdbc.queryForObject("""
          select count(*) from act_hi_job_log
          where act_id_ = ? and hostname_ = 'bench-node-2' and job_state_ = 2""", Long.class, ESCALATION), "jobs");
      assertThat(jdbc.queryForObject("select count(*) from act_hi_actinst where act_id_ = ? and end_time_ is not null",
          Long.class, ESCALATION)).as("each lead escalated once per storm").isEqualTo(2L * LEADS);
      bare.close();
    }
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("leads", LEADS);
    setup.put("database", "embedded PostgreSQL 17, fsync and synchronous_commit on, same machine");
    setup.put("nodes", "packaged application, -Xmx512m, demo profile, history level " + historyLevel);
    figures.report(setup);
  }

  /** Until every lead waits in "Accept lead" with its deadline timer and nothing else is due. */
  private static void awaitDeadlinesWaiting(JdbcTemplate jdbc) throws InterruptedException {
    Load.await(LEADS + " acceptance deadlines", Duration.ofMinutes(60), () -> deadlines(jdbc) == LEADS);
    Load.awaitDrained(jdbc, Duration.ofMinutes(30));
  }

  private static long deadlines(JdbcTemplate jdbc) {
    return jdbc.queryForObject("""
        select count(*) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
        where d.act_id_ = ? and j.type_ = 'timer'""", Long.class, ACCEPTANCE_BREACH);
  }

  /** Makes every acceptance deadline due now; answers escalations finished per second. */
  private static double escalationStorm(JdbcTemplate jdbc) throws InterruptedException {
    long start = System.nanoTime();
    int due = jdbc.update("""
        update act_ru_job set duedate_ = now() where type_ = 'timer'
          and job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = ?)""", ACCEPTANCE_BREACH);
    assertThat(due).isEqualTo(LEADS);
    Load.await("every escalation run", Duration.ofMinutes(60), () -> escalationsPending(jdbc) == 0);
    double seconds = (System.nanoTime() - start) / 1e9;
    Load.awaitDrained(jdbc, Duration.ofMinutes(30));
    return LEADS / seconds;
  }

  /**
   * Deadlines that fell due and escalations not run yet: a deadline's timer job hands over to the escalation's job in
   * one transaction, and the escalation's new deadline lies in the future. Counted in the job table, as the bare
   * timers are: counting finished escalations in the activity history scanned a million rows twice a second at
   * 10,000 leads (about 110 ms of PostgreSQL's CPU each time), which slowed the storm it measured.
   */
  private static long escalationsPending(JdbcTemplate jdbc) {
    return jdbc.queryForObject("""
        select count(*) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
        where (d.act_id_ = ? and j.duedate_ <= now()) or d.act_id_ = ?""", Long.class, ACCEPTANCE_BREACH, ESCALATION);
  }

  /** As many timers that only end their process, all due now; answers timers run per second. */
  private static double bareTimerStorm(BareEngine bare, JdbcTemplate jdbc) throws InterruptedException {
    bare.startBareTimers(LEADS, CLIENTS);
    long start = System.nanoTime();
    jdbc.update("update act_ru_job set duedate_ = now() where process_def_key_ = ?", BareEngine.BARE_TIMER);
    Load.await("every bare timer run", Duration.ofMinutes(60), () -> jdbc.queryForObject(
        "select count(*) from act_ru_job where process_def_key_ = ?", Long.class, BareEngine.BARE_TIMER) == 0);
    return LEADS / ((System.nanoTime() - start) / 1e9);
  }
}
