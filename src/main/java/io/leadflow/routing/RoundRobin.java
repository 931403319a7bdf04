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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives a team's next lead to one of its reps: a smooth weighted round robin where a rep's weight is their capacity,
 * skipping reps who are inactive, out of office or at capacity: holding as many open leads (MQL, SAL, SQL, on hold)
 * in a running lifecycle as their capacity. The turn state lives in the database and is changed under the team row's
 * lock, in the caller's transaction: two engine nodes never hand out the same turn, and a step that rolls back gives
 * its turn back. A decision table cannot keep such state, hence Java.
 */
@Service
public class RoundRobin {

  private final SalesTeamRepository teams;
  private final SalesRepRepository reps;
  private final LeadRepository leads;

  RoundRobin(SalesTeamRepository teams, SalesRepRepository reps, LeadRepository leads) {
    this.teams = teams;
    this.reps = reps;
    this.leads = leads;
  }

  /** The rep who gets the team's next lead, or empty when nobody can take it (the team's queue). */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<SalesRep> next(String teamId, Set<String> excluded, LocalDate today) {
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
      return Optional.empty();
    }
    int totalWeight = candidates.stream().mapToInt(SalesRep::getCapacity).sum();
    candidates.forEach(rep -> rep.credit(rep.getRoundRobinCredit() + rep.getCapacity()));
    SalesRep chosen = candidates.stream()
        .max(Comparator.comparingInt(SalesRep::getRoundRobinCredit)
            .thenComparing(SalesRep::getUserId, Comparator.reverseOrder()))
        .orElseThrow();
    chosen.credit(chosen.getRoundRobinCredit() - totalWeight);
    return Optional.of(chosen);
  }
}
