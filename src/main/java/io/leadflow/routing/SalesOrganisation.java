package io.leadflow.routing;

import io.leadflow.security.Groups;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
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
  private final IdentityService identity;

  SalesOrganisation(SalesTeamRepository teams, SalesRepRepository reps, IdentityService identity) {
    this.teams = teams;
    this.reps = reps;
    this.identity = identity;
  }

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
    if (user == null) {
      throw new IllegalArgumentException("No user " + userId + ": create the user in Admin first");
    }
    if (!teams.existsById(teamId)) {
      throw new IllegalArgumentException("No sales team " + teamId);
    }
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
    return rep;
  }

  private void addMembership(String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }
}
