package io.leadflow.routing;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadOwners;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.EngineAsSystem;
import io.leadflow.system.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives a lead to another rep in one step: the lead's owner and team, the lifecycle's {@code salesRep} and
 * {@code salesTeam}, and the rep's open task, so the new rep finds it in Tasklist and reminders go to them. The task
 * leaves the old team and the previous rep: they can no longer see or complete it.
 */
@Service
public class LeadReassignment {

  private final LeadRepository leads;
  private final LeadOwners owners;
  private final SalesRepRepository reps;
  private final SalesTeamRepository teams;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final EngineAsSystem system;

  LeadReassignment(LeadRepository leads, LeadOwners owners, SalesRepRepository reps,
      SalesTeamRepository teams, RuntimeService runtime, TaskService tasks, AuthorizationService authorizations,
      EngineAsSystem system) {
    this.leads = leads;
    this.owners = owners;
    this.reps = reps;
    this.teams = teams;
    this.runtime = runtime;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.system = system;
  }

  /** What changed: the new owner and team, the reason shown to the rep, and the tasks now assigned to them. */
  public record Reassignment(UUID leadId, String team, String rep, String routingReason, List<String> taskIds) {
  }

  /**
   * Reassigns the lead. Tasks of the rep's own (assigned or in the team's queue) follow the new owner; a review task of
   * marketing ops stays with them.
   *
   * @throws NoSuchElementException when the lead does not exist
   * @throws IllegalStateException when the lead's lifecycle is not running (a closed lead has no owner to change)
   */
  @Transactional
  public Reassignment reassign(UUID leadId, String repId, String note, String by, Instant now) {
    Lead lead = leads.findById(leadId).orElseThrow(() -> new NoSuchElementException("No lead with id " + leadId));
    SalesRep rep = reps.findById(repId).orElse(null);
    if (rep == null) {
      new InvalidRequestException().field("rep", "'" + repId + "' is not a sales rep").throwIfAny();
    }
    if (!rep.isActive()) {
      new InvalidRequestException().field("rep", "'" + repId + "' is inactive").throwIfAny();
    }
    ProcessInstance lifecycle = runtime.createProcessInstanceQuery()
        .processDefinitionKey(LeadLifecycle.PROCESS_KEY).processInstanceBusinessKey(leadId.toString())
        .singleResult();
    if (lifecycle == null) {
      throw new IllegalStateException("The lead's lifecycle is not running: there is no open work to hand over");
    }
    String previousTeam = lead.getTeam();
    String previousRep = lead.getOwner();
    String reason = "Reassigned by " + by + (previousRep == null ? "" : " from " + previousRep)
        + (note == null || note.isBlank() ? "" : ": " + note.trim());
    // Leadflow's own change on the caller's behalf: who may reassign is the API's to check, and the process's variables
    // are nobody's to write through the engine. The variable first: the assignment listener then sees nothing to copy.
    List<String> moved = system.call(() -> {
      runtime.setVariable(lifecycle.getId(), LeadLifecycle.Variables.SALES_TEAM, rep.getTeamId());
      runtime.setVariable(lifecycle.getId(), LeadLifecycle.Variables.SALES_REP, rep.getUserId());
      runtime.setVariable(lifecycle.getId(), LeadLifecycle.Variables.ROUTING_REASON, reason);
      return tasks.createTaskQuery().processInstanceId(lifecycle.getId()).active().listPage(0, 100).stream()
          .filter(task -> isSalesWork(task, previousTeam))
          .map(task -> handOver(task, previousTeam, rep))
          .toList();
    });
    owners.assign(lead, rep.getTeamId(), rep.getUserId(), by, reason, now);
    return new Reassignment(leadId, rep.getTeamId(), rep.getUserId(), reason, moved);
  }

  private boolean isSalesWork(Task task, String team) {
    if (task.getAssignee() != null) {
      return reps.existsById(task.getAssignee());
    }
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .anyMatch(link -> link.getGroupId() != null
            && (Objects.equals(link.getGroupId(), team) || teams.existsById(link.getGroupId())));
  }

  private String handOver(Task task, String previousTeam, SalesRep rep) {
    moveToTeam(task.getId(), previousTeam, rep.getTeamId());
    String previousAssignee = task.getAssignee();
    tasks.setAssignee(task.getId(), rep.getUserId());
    if (previousAssignee != null && !previousAssignee.equals(rep.getUserId())) {
      revoke(task.getId(), query -> query.userIdIn(previousAssignee));
    }
    return task.getId();
  }

  /** Whether the user is a sales rep who takes leads (not deactivated). */
  public boolean isActiveRep(String userId) {
    return reps.findById(userId).filter(SalesRep::isActive).isPresent();
  }

  /** The team of the sales rep, if the user is one. */
  public Optional<String> teamOf(String userId) {
    return reps.findById(userId).map(SalesRep::getTeamId);
  }

  /**
   * A manager gave a lead's task to a rep of another team in Tasklist, where only the assignee changes: the task
   * leaves the old team and the previous assignee as with {@link #reassign}. For the task's assignment listener; the
   * manager may assign tasks but not change their groups or grants, so this runs on Leadflow's behalf.
   */
  public void moveTaskToTeam(String taskId, String previousTeam, String newTeam, String previousAssignee) {
    system.run(() -> {
      moveToTeam(taskId, previousTeam, newTeam);
      if (previousAssignee != null) {
        revoke(taskId, query -> query.userIdIn(previousAssignee));
      }
    });
  }

  private void moveToTeam(String taskId, String previousTeam, String newTeam) {
    boolean candidate = false;
    for (IdentityLink link : tasks.getIdentityLinksForTask(taskId)) {
      String group = link.getGroupId();
      if (group == null || !IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (group.equals(newTeam)) {
        candidate = true;
      } else if (group.equals(previousTeam) || teams.existsById(group)) {
        tasks.deleteCandidateGroup(taskId, group);
        revoke(taskId, query -> query.groupIdIn(group));
      }
    }
    if (!candidate) {
      tasks.addCandidateGroup(taskId, newTeam);
    }
  }

  /**
   * Camunda grants a task's candidate groups and assignees READ and UPDATE on it, but removing the candidate group or
   * changing the assignee leaves that grant in place: without this the old team could still open and complete the
   * task. The grants are Leadflow's to clean up, not the manager's (who may not change authorizations).
   */
  private void revoke(String taskId, UnaryOperator<AuthorizationQuery> whose) {
    system.run(() -> whose.apply(authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
            .resourceId(taskId)).list().stream()
        .map(Authorization::getId)
        .forEach(authorizations::deleteAuthorization));
  }
}
