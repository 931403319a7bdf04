package io.leadflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LeadLifecycle;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The team's turn on the real database: fairness by capacity, concurrent turns, reps who cannot take leads, reps at
 * capacity.
 */
@ProcessTest
class RoundRobinTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  @Autowired
  RoundRobin roundRobin;
  @Autowired
  SalesOrganisation organisation;
  @Autowired
  SalesRepRepository reps;
  @Autowired
  IdentityService identity;
  @Autowired
  TransactionTemplate transaction;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  RuntimeService runtime;

  private String team;

  @BeforeEach
  void newTeam() {
    team = "team-" + UUID.randomUUID().toString().substring(0, 8);
    organisation.saveTeam(team, "Test team", ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0), LocalTime.of(17, 0),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), null, "max");
  }

  @Test
  void shouldShareAThousandLeadsByCapacity() {
    String ana = rep(50);
    String ben = rep(30);
    String cleo = rep(20);

    Map<String, Long> turns = turns(1000);

    assertThat((double) turns.get(ana)).isCloseTo(500, within(10.0));
    assertThat((double) turns.get(ben)).isCloseTo(300, within(10.0));
    assertThat((double) turns.get(cleo)).isCloseTo(200, within(10.0));
  }

  @Test
  void shouldSpreadTurnsSmoothlyRatherThanInBlocks() {
    String ana = rep(2);
    String ben = rep(1);

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      order.add(next().orElseThrow());
    }

    assertThat(order).containsExactly(ana, ben, ana, ana, ben, ana);
  }

  @Test
  void shouldNeverGiveTheSameTurnTwiceUnderConcurrentAssignment() throws Exception {
    String ana = rep(3);
    String ben = rep(1);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(() -> next().orElseThrow());
    }

    List<String> chosen = new ArrayList<>();
    try {
      for (Future<String> result : threads.invokeAll(calls)) {
        chosen.add(result.get());
      }
    } finally {
      threads.shutdown();
    }

    // each locked turn sees the previous one's credits: exactly the weights, and the credits still balance
    Map<String, Long> turns = chosen.stream().collect(Collectors.groupingBy(Function.identity(),
        Collectors.counting()));
    assertThat(turns).containsEntry(ana, 150L).containsEntry(ben, 50L);
    assertThat(reps.findByTeamIdOrderByUserIdAsc(team)).extracting(SalesRep::getRoundRobinCredit)
        .containsExactly(0, 0);
  }

  @Test
  void shouldLetAnotherStepTakeTheTeamsNextTurnBeforeTheFirstStepCommits() throws Exception {
    String ana = rep(1);
    String ben = rep(1);
    ExecutorService otherStep = Executors.newSingleThreadExecutor();
    try {
      List<String> chosen = transaction.execute(status -> {
        String first = roundRobin.next(team, Set.of(), TODAY).map(SalesRep::getUserId).orElseThrow();
        // this step goes on (its rep's mail, the task, the timers) while another escalation of the team takes its turn
        Future<Optional<String>> second = otherStep.submit(this::next);
        try {
          return List.of(first, second.get(30, TimeUnit.SECONDS).orElseThrow());
        } catch (Exception waitedForTheLock) {
          throw new IllegalStateException("The second turn waited for the first step to commit", waitedForTheLock);
        }
      });

      assertThat(chosen).containsExactly(ana, ben);
    } finally {
      otherStep.shutdownNow();
    }
  }

  @Test
  void shouldGiveNothingToRepsOutOfOfficeOrInactive() {
    String ana = rep(5);
    String away = rep(5);
    String gone = rep(5);
    transaction.executeWithoutResult(status -> {
      reps.findById(away).orElseThrow().outOfOffice(TODAY.minusDays(1), TODAY.plusDays(7));
      SalesRep left = reps.findById(gone).orElseThrow();
      left.update(team, left.getEmail(), left.getDisplayName(), 5, false);
    });

    assertThat(turns(30)).containsOnlyKeys(ana).containsEntry(ana, 30L);
  }

  @Test
  void shouldGiveTheTurnBackWhenTheStepRollsBack() {
    String ana = rep(1);
    String ben = rep(1);

    transaction.executeWithoutResult(status -> {
      assertThat(roundRobin.next(team, Set.of(), TODAY)).map(SalesRep::getUserId).contains(ana);
      status.setRollbackOnly();
    });

    assertThat(next()).contains(ana);
    assertThat(next()).contains(ben);
  }

  @Test
  void shouldLeaveTheLeadInTheTeamsQueueWhenNobodyIsAvailable() {
    String away = rep(5);
    transaction.executeWithoutResult(status ->
        reps.findById(away).orElseThrow().outOfOffice(TODAY, null));

    assertThat(next()).isEmpty();
  }

  @Test
  void shouldSkipARepAtCapacityCountingOnlyTheLeadsTheyHoldInARunningLifecycle() {
    String ana = rep(1);
    String ben = rep(1);
    // ana works one lead; ben owns two past leads that never had a lifecycle here (history, imported, cancelled)
    inRunningLifecycle(lead(ana), "SAL");
    lead(ben, "SQL");
    lead(ben, "MQL");
    // a lead of ana's that is over takes none of her time, whether or not its process still runs
    inRunningLifecycle(lead(ana), "WON");

    assertThat(turns(3)).containsOnlyKeys(ben).containsEntry(ben, 3L);
  }

  private UUID lead(String owner, String stage) {
    UUID id = UUID.randomUUID();
    jdbc.update("""
        insert into leadflow.lead (id, email, first_name, last_name, company, source_channel, stage, created_at,
          updated_at, team, owner)
        values (?, ?, 'Held', 'Work', 'Capacity Ltd', 'web-form', ?, now(), now(), ?, ?)""",
        id, id + "@capacity.example", stage, team, owner);
    return id;
  }

  private UUID lead(String owner) {
    return lead(owner, "INQUIRY");
  }

  /**
   * The lead's lifecycle runs, waiting at its first step (the job executor is off in process tests), and the lead has
   * got to the stage since.
   */
  private void inRunningLifecycle(UUID lead, String stage) {
    runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_RECEIVED).processInstanceBusinessKey(lead.toString())
        .setVariable(LeadLifecycle.Variables.LEAD_ID, lead.toString()).correlateStartMessage();
    jdbc.update("update leadflow.lead set stage = ? where id = ?", stage, lead);
  }

  private Map<String, Long> turns(int leads) {
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      chosen.add(next().orElseThrow());
    }
    return chosen.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private Optional<String> next() {
    return transaction.execute(status -> roundRobin.next(team, Set.of(), TODAY).map(SalesRep::getUserId));
  }

  private String rep(int capacity) {
    String id = team.replace("-", "") + "rep" + (reps.findByTeamIdOrderByUserIdAsc(team).size() + 1);
    var user = identity.newUser(id);
    user.setFirstName("Rep");
    user.setLastName(id);
    user.setEmail(id + "@leadflow.example");
    user.setPassword("LeadflowTest-1");
    identity.saveUser(user);
    organisation.saveRep(id, team, capacity, true);
    return id;
  }
}
