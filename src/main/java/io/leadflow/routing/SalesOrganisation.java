package io.leadflow.routing;

import io.leadflow.system.Groups;
import io.leadflow.system.InvalidRequestException;
import java.time.LocalDate;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teams and reps. A team is also a Camunda group of the same id (its members see its tasks); a rep is a Camunda user
 * in that group and in {@value Groups#SALES_REPS}. This keeps the two in step.
 */
@Service
public class SalesOrganisation {

  private final SalesTeamRepository teams;
  private final SalesRepRepository reps;
  private final CustomerAccountRepository customers;
  private final TargetAccountRepository targets;
  private final IdentityService identity;
  private final RepDirectory directory;
  private final ApplicationEventPublisher events;

  SalesOrganisation(SalesTeamRepository teams, SalesRepRepository reps, CustomerAccountRepository customers,
      TargetAccountRepository targets, IdentityService identity, RepDirectory directory,
      ApplicationEventPublisher events) {
    this.teams = teams;
    this.reps = reps;
    this.customers = customers;
    this.targets = targets;
    this.identity = identity;
    this.directory = directory;
    this.events = events;
  }

  /** Creates or changes the team, and its Camunda group so that its members see its tasks. */
  @Transactional
  public SalesTeam saveTeam(String id, String name, ZoneId timeZone, LocalTime workStart, LocalTime workEnd,
      Set<DayOfWeek> workDays, String holidayCalendar, String manager) {
    SalesTeam team = teams.findById(id).orElse(null);
    if (team == null) {
      team = teams.save(new SalesTeam(id, name, timeZone, workStart, workEnd, workDays, holidayCalendar, manager));
    } else {
      team.update(name, timeZone, workStart, workEnd, workDays, holidayCalendar, manager);
    }
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
    return team;
  }

  /** Makes the Camunda user a rep of the team (leaving any other team). */
  @Transactional
  public SalesRep saveRep(String userId, String teamId, int capacity, boolean active) {
    var user = identity.createUserQuery().userId(userId).singleResult();
    InvalidRequestException invalid = new InvalidRequestException();
    if (user == null) {
      invalid.field("userId", "'" + userId + "' is not a Camunda user: create the user in Admin first");
    }
    if (!teams.existsById(teamId)) {
      invalid.field("team", "'" + teamId + "' is not a sales team");
    }
    invalid.throwIfAny();
    String displayName = (user.getFirstName() + " " + user.getLastName()).trim();
    SalesRep rep = reps.findById(userId).orElse(null);
    if (rep != null && !rep.getTeamId().equals(teamId)) {
      identity.deleteMembership(userId, rep.getTeamId());
    }
    if (rep == null) {
      rep = reps.save(new SalesRep(userId, teamId, user.getEmail(), displayName, capacity));
    }
    rep.update(teamId, user.getEmail(), displayName, capacity, active);
    addMembership(userId, teamId);
    addMembership(userId, Groups.SALES_REPS);
    directory.letManagersFind(userId);
    events.publishEvent(new SalesRepSaved(userId, teamId));
    return rep;
  }

  /** Marks the rep out of office from {@code from} until {@code until} (open-ended when null); null from clears it. */
  @Transactional
  public SalesRep outOfOffice(String userId, LocalDate from, LocalDate until) {
    SalesRep rep = reps.findById(userId).orElseThrow(() -> new NoSuchElementException("No sales rep " + userId));
    rep.outOfOffice(from, until);
    return rep;
  }

  /** Changes how many open leads the rep can work at once, which is also their weight in the round robin. */
  @Transactional
  public SalesRep capacity(String userId, int capacity) {
    SalesRep rep = reps.findById(userId).orElseThrow(() -> new NoSuchElementException("No sales rep " + userId));
    rep.update(rep.getTeamId(), rep.getEmail(), rep.getDisplayName(), capacity, rep.isActive());
    return rep;
  }

  /** An existing customer: its leads go to the account owner, in the owner's team unless another team is named. */
  @Transactional
  public CustomerAccount saveCustomerAccount(String domain, String name, String owner, String team) {
    String teamId = accountTeam("owner", owner, team);
    return customers.save(new CustomerAccount(domain, name, owner, teamId));
  }

  /** A named target account: its leads go to the account executive. */
  @Transactional
  public TargetAccount saveTargetAccount(String domain, String name, String accountExecutive, String team) {
    String teamId = accountTeam("accountExecutive", accountExecutive, team);
    return targets.save(new TargetAccount(domain, name, accountExecutive, teamId));
  }

  private String accountTeam(String repField, String repId, String team) {
    InvalidRequestException invalid = new InvalidRequestException();
    Optional<SalesRep> rep = reps.findById(repId);
    if (rep.isEmpty()) {
      invalid.field(repField, "'" + repId + "' is not a sales rep");
    }
    if (team != null && !teams.existsById(team)) {
      invalid.field("team", "'" + team + "' is not a sales team");
    }
    invalid.throwIfAny();
    return team == null ? rep.orElseThrow().getTeamId() : team;
  }

  private void addMembership(String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }
}
