package io.leadflow.routing;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadOwners;
import io.leadflow.lead.LeadRepository;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the right owner for a lead. The routing table (dmn/LeadRouting.dmn) decides the order and the territories:
 * existing customer's owner, named target account's executive, partner territory, territory by country, industry and
 * size. Java supplies the facts it needs from the account data and picks the rep within the team by round robin.
 */
@Service
public class LeadAssignment {

  public static final String ROUTING_DECISION = "LeadRouting";

  private static final Logger LOG = LoggerFactory.getLogger(LeadAssignment.class);

  private final DecisionService decisions;
  private final LeadRepository leads;
  private final LeadOwners owners;
  private final CustomerAccountRepository customers;
  private final TargetAccountRepository targets;
  private final SalesTeamRepository teams;
  private final SalesRepRepository reps;
  private final RoundRobin roundRobin;

  LeadAssignment(DecisionService decisions, LeadRepository leads, LeadOwners owners,
      CustomerAccountRepository customers, TargetAccountRepository targets, SalesTeamRepository teams,
      SalesRepRepository reps, RoundRobin roundRobin) {
    this.decisions = decisions;
    this.leads = leads;
    this.owners = owners;
    this.customers = customers;
    this.targets = targets;
    this.teams = teams;
    this.reps = reps;
    this.roundRobin = roundRobin;
  }

  /** Routes the lead by the routing table; an unclear route leaves it with no team. */
  @Transactional
  public Assignment route(UUID leadId, String by, Instant now) {
    Lead lead = lead(leadId);
    Optional<CustomerAccount> customer = Optional.ofNullable(lead.getCompanyDomain()).flatMap(customers::findById);
    Optional<TargetAccount> target = Optional.ofNullable(lead.getCompanyDomain()).flatMap(targets::findById);
    DmnDecisionRuleResult route = decisions.evaluateDecisionTableByKey(ROUTING_DECISION)
        .variables(Variables.createVariables()
            .putValue("customerAccountOwner", customer.map(CustomerAccount::getOwner).orElse(null))
            .putValue("customerAccountTeam", customer.map(CustomerAccount::getTeamId).orElse(null))
            .putValue("customerAccountName", customer.map(CustomerAccount::getName).orElse(null))
            .putValue("targetAccountExecutive", target.map(TargetAccount::getAccountExecutive).orElse(null))
            .putValue("targetAccountTeam", target.map(TargetAccount::getTeamId).orElse(null))
            .putValue("targetAccountName", target.map(TargetAccount::getName).orElse(null))
            .putValue("country", lead.getCountry())
            .putValue("industry", lead.getIndustry())
            .putValue("companySize", lead.getCompanySize())
            .putValue("segment", lead.getSegment()))
        .evaluate()
        .getFirstResult();
    if (route == null || route.getEntry("salesTeam") == null) {
      String reason = route == null || route.getEntry("routingReason") == null
          ? "No routing rule matches " + lead.getCountry() + ", " + lead.getIndustry()
          : route.getEntry("routingReason");
      // to marketing ops' review; an owner change naming no one is how SLA compliance finds the reviewed leads
      // (FunnelMetrics, MQL_REVIEW)
      return record(lead, new Assignment(null, null, reason), by, now);
    }
    Map<String, Object> entries = route.getEntryMap();
    String team = (String) entries.get("salesTeam");
    if (!teams.existsById(team)) {
      // a table naming a team nobody created must not loop the lead through failing retries (RoutingTableCheck)
      LOG.warn("Lead {} was routed to sales team {}, which does not exist: it goes to marketing ops' review", leadId,
          team);
      return record(lead, new Assignment(null, null, "The routing table sends it to sales team " + team
          + ", which does not exist (" + entries.get("routingReason") + "): marketing ops route it"), by, now);
    }
    return assign(lead, team, (String) entries.get("salesRep"), Set.of(), (String) entries.get("routingReason"), by,
        now);
  }

  /**
   * Gives the lead to a rep of the team: the named one if they are available, else the team's round robin turn,
   * never one of the excluded reps. Without any available rep the lead waits in the team's queue.
   */
  @Transactional
  public Assignment assignWithinTeam(UUID leadId, String team, String preferredRep, Set<String> excluded,
      String reason, String by, Instant now) {
    if (!teams.existsById(team)) {
      throw new IllegalArgumentException("No sales team " + team);
    }
    return assign(lead(leadId), team, preferredRep, excluded, reason, by, now);
  }

  private Assignment assign(Lead lead, String team, String preferredRep, Set<String> notThese, String reason,
      String by, Instant now) {
    // the rep who sent the lead back to nurture is not offered it again while its hold-off lasts
    Set<String> excluded = lead.isHeldOffAt(now) && lead.getHoldOffRep() != null
        ? union(notThese, lead.getHoldOffRep()) : notThese;
    // out-of-office periods are the team's local days: 20:00 in New York is still that day there, though not in UTC
    var today = now.atZone(teams.findById(team).orElseThrow().getTimeZone()).toLocalDate();
    Optional<SalesRep> named = Optional.ofNullable(preferredRep).flatMap(reps::findById)
        .filter(rep -> rep.getTeamId().equals(team))
        .filter(rep -> !excluded.contains(rep.getUserId()))
        .filter(rep -> rep.isAvailableOn(today));
    if (named.isPresent()) {
      return record(lead, new Assignment(team, named.get().getUserId(), reason), by, now);
    }
    String why = preferredRep == null ? reason : reason + " (" + preferredRep + " is not available)";
    return record(lead, roundRobin.next(team, excluded, today)
        .map(rep -> new Assignment(team, rep.getUserId(), why + "; round robin turn of " + rep.getDisplayName()))
        .orElseGet(() -> new Assignment(team, null, why + "; no rep can take it, waiting in the team's queue")),
        by, now);
  }

  private static Set<String> union(Set<String> some, String one) {
    Set<String> all = new HashSet<>(some);
    all.add(one);
    return all;
  }

  private Assignment record(Lead lead, Assignment assignment, String by, Instant now) {
    owners.assign(lead, assignment.team(), assignment.rep(), by, assignment.reason(), now);
    return assignment;
  }

  private Lead lead(UUID leadId) {
    return leads.findById(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
  }
}
