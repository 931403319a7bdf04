package io.leadflow.routing;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.RetryingTransactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Moves a rep's open leads (all of them, or those chosen) to a named rep or round robin over the team, each lead in a
 * transaction of its own by the rule of a single reassignment ({@link LeadReassignment}): a lead that cannot move
 * stays where it was and the report says why, the others move.
 */
@Service
public class BulkReassignment {

  /** More leads than this are moved in several requests: one request should answer within a minute. */
  public static final int MAX_LEADS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(BulkReassignment.class);

  /** A lead that moved, and to whom. */
  public record Moved(UUID leadId, String name, String to) {
  }

  /** A lead that stayed, and why. */
  public record Failed(UUID leadId, String name, String reason) {
  }

  /**
   * What happened to each lead.
   *
   * @param to the rep the leads went to, or null for the team's round robin
   */
  public record Report(String from, String to, int requested, List<Moved> moved, List<Failed> failed) {
  }

  private final LeadRepository leads;
  private final SalesRepRepository reps;
  private final SalesTeamRepository teams;
  private final RoundRobin roundRobin;
  private final LeadReassignment reassignment;
  private final RetryingTransactions eachLead;

  BulkReassignment(LeadRepository leads, SalesRepRepository reps, SalesTeamRepository teams, RoundRobin roundRobin,
      LeadReassignment reassignment, RetryingTransactions eachLead) {
    this.leads = leads;
    this.reps = reps;
    this.teams = teams;
    this.roundRobin = roundRobin;
    this.reassignment = reassignment;
    this.eachLead = eachLead;
  }

  /**
   * @param from the rep whose leads move
   * @param leadIds the leads to move, or null for all the rep's open leads
   * @param to the rep who gets them, or null for the round robin of each lead's team (never back to {@code from})
   * @param note why, for the leads' logs and the new owners
   * @throws InvalidRequestException naming a bad rep or too many leads, before any lead moves
   */
  public Report reassign(String from, List<UUID> leadIds, String to, String note, String by) {
    InvalidRequestException invalid = new InvalidRequestException();
    SalesRep source = reps.findById(from).orElse(null);
    if (source == null) {
      invalid.field("from", "'" + from + "' is not a sales rep");
    }
    if (to != null) {
      SalesRep target = reps.findById(to).orElse(null);
      if (target == null) {
        invalid.field("to", "'" + to + "' is not a sales rep");
      } else if (!target.isActive()) {
        invalid.field("to", "'" + to + "' is inactive");
      } else if (to.equals(from)) {
        invalid.field("to", "must be another rep than from");
      }
    }
    if (leadIds != null && (leadIds.isEmpty() || leadIds.stream().anyMatch(Objects::isNull))) {
      invalid.field("leads", "must name leads by their ids, or be left out for all open leads of " + from);
      leadIds = List.of();
    }
    List<UUID> chosen = leadIds != null ? List.copyOf(new LinkedHashSet<>(leadIds))
        : source == null ? List.of() : leads.findOpenIdsByOwner(from, LeadRepository.OPEN_STAGES);
    if (chosen.size() > MAX_LEADS) {
      invalid.field(leadIds != null ? "leads" : "from", "names " + chosen.size() + " leads; at most " + MAX_LEADS
          + " move in one request");
    }
    invalid.throwIfAny();
    List<Moved> moved = new ArrayList<>();
    List<Failed> failed = new ArrayList<>();
    for (UUID leadId : chosen) {
      try {
        // a process step of the lead that runs meanwhile may collide with the hand-over: then again
        moved.add(eachLead.execute(() -> move(leadId, source, to, note, by)));
      } catch (NoSuchElementException | IllegalStateException | IllegalArgumentException e) {
        failed.add(new Failed(leadId, name(leadId), e.getMessage()));
      } catch (InvalidRequestException e) {
        failed.add(new Failed(leadId, name(leadId), e.errors().get(0).detail()));
      } catch (RuntimeException e) {
        LOG.warn("Reassigning lead {} from {} failed", leadId, from, e);
        failed.add(new Failed(leadId, name(leadId), "failed unexpectedly (" + e.getClass().getSimpleName()
            + "); see the log"));
      }
    }
    return new Report(from, to, chosen.size(), List.copyOf(moved), List.copyOf(failed));
  }

  private Moved move(UUID leadId, SalesRep from, String to, String note, String by) {
    Lead lead = leads.findAndLock(leadId).orElseThrow(() -> new NoSuchElementException("no such lead"));
    if (!from.getUserId().equals(lead.getOwner()) || !LeadRepository.OPEN_STAGES.contains(lead.getStage())) {
      throw new IllegalStateException("not an open lead of " + from.getUserId());
    }
    Instant now = ClockUtil.now().toInstant();
    String target = to;
    if (target == null) {
      String team = lead.getTeam() != null ? lead.getTeam() : from.getTeamId();
      var today = now.atZone(teams.findById(team).orElseThrow().getTimeZone()).toLocalDate();
      target = roundRobin.next(team, Set.of(from.getUserId()), today).map(SalesRep::getUserId)
          .orElseThrow(() -> new IllegalStateException("no other rep of " + team
              + " can take it: all are away or at capacity"));
    }
    reassignment.reassign(leadId, target, note, by, now);
    return new Moved(leadId, lead.getFullName(), target);
  }

  private String name(UUID leadId) {
    return leads.findById(leadId).map(Lead::getFullName).orElse(null);
  }
}
