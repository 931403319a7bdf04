package io.leadflow.routing;

import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Stage;
import io.leadflow.lifecycle.LeadLifecycle;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a team's next lead to one of its reps: a smooth weighted round robin where a rep's weight is their capacity,
 * skipping reps who are inactive, out of office or at capacity: holding as many open leads (MQL, SAL, SQL, on hold)
 * in a running lifecycle as their capacity. The turn state lives in the database and is changed under the team row's
 * lock in a short transaction of its own, committed before the caller's step goes on: two engine nodes never hand out
 * the same turn, and a storm of escalations in one team waits for each other's turn only, not for each other's whole
 * step. A step that rolls back gives its turn back (each rep's credit change is undone, which keeps the credits
 * balanced whatever turns were taken in between). A decision table cannot keep such state, hence Java.
 */
@Service
public class RoundRobin {

  private final SalesTeamRepository teams;
  private final SalesRepRepository reps;
  private final LeadRepository leads;
  private final TransactionTemplate ownTransaction;

  RoundRobin(SalesTeamRepository teams, SalesRepRepository reps, LeadRepository leads,
      PlatformTransactionManager transactions) {
    this.teams = teams;
    this.reps = reps;
    this.leads = leads;
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The rep who gets the team's next lead, or empty when nobody can take it (the team's queue). */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<SalesRep> next(String teamId, Set<String> excluded, LocalDate today) {
    Turn turn = ownTransaction.execute(status -> take(teamId, excluded, today));
    if (turn == null) {
      return Optional.empty();
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        if (status == STATUS_ROLLED_BACK) {
          ownTransaction.executeWithoutResult(giveBack -> giveBack(teamId, turn.credits()));
        }
      }
    });
    return Optional.of(turn.rep());
  }

  /** The chosen rep and what the turn added to each candidate's credit. */
  private record Turn(SalesRep rep, Map<String, Integer> credits) {
  }

  private Turn take(String teamId, Set<String> excluded, LocalDate today) {
    teams.lockById(teamId).orElseThrow(() -> new IllegalArgumentException("No sales team " + teamId));
    Map<String, Long> openLeads = new HashMap<>();
    List<String> open = LeadRepository.OPEN_STAGES.stream().map(Stage::name).toList();
    for (Object[] row : leads.countHeldByOwner(teamId, open, LeadLifecycle.PROCESS_KEY)) {
      openLeads.put((String) row[0], ((Number) row[1]).longValue());
    }
    List<SalesRep> candidates = reps.findByTeamIdOrderByUserIdAsc(teamId).stream()
        .filter(rep -> !excluded.contains(rep.getUserId()))
        .filter(rep -> rep.isAvailableOn(today))
        .filter(rep -> rep.getCapacity() > openLeads.getOrDefault(rep.getUserId(), 0L))
        .toList();
    if (candidates.isEmpty()) {
      return null;
    }
    int totalWeight = candidates.stream().mapToInt(SalesRep::getCapacity).sum();
    Map<String, Integer> credits = new HashMap<>();
    candidates.forEach(rep -> credits.put(rep.getUserId(), rep.getCapacity()));
    candidates.forEach(rep -> rep.credit(rep.getRoundRobinCredit() + rep.getCapacity()));
    SalesRep chosen = candidates.stream()
        .max(Comparator.comparingInt(SalesRep::getRoundRobinCredit)
            .thenComparing(SalesRep::getUserId, Comparator.reverseOrder()))
        .orElseThrow();
    chosen.credit(chosen.getRoundRobinCredit() - totalWeight);
    credits.merge(chosen.getUserId(), -totalWeight, Integer::sum);
    return new Turn(chosen, credits);
  }

  private void giveBack(String teamId, Map<String, Integer> credits) {
    teams.lockById(teamId).orElseThrow(() -> new IllegalArgumentException("No sales team " + teamId));
    reps.findAllById(credits.keySet())
        .forEach(rep -> rep.credit(rep.getRoundRobinCredit() - credits.get(rep.getUserId())));
  }
}
