package io.leadflow.tasklist;

import static io.leadflow.lifecycle.LeadLifecycle.Elements.TASK_ACCEPT_LEAD;
import static io.leadflow.lifecycle.LeadLifecycle.Elements.TASK_FIX_LEAD_DATA;
import static io.leadflow.lifecycle.LeadLifecycle.Elements.TASK_FOLLOW_UP_WITH_LEAD;
import static io.leadflow.lifecycle.LeadLifecycle.Elements.TASK_REVIEW_MQL;
import static io.leadflow.lifecycle.LeadLifecycle.Elements.TASK_WORK_OPPORTUNITY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.routing.SalesRep;
import io.leadflow.routing.SalesRepRepository;
import io.leadflow.routing.SalesRepSaved;
import io.leadflow.routing.SalesTeam;
import io.leadflow.routing.SalesTeamRepository;
import io.leadflow.security.AdminAccount;
import io.leadflow.system.Groups;
import io.leadflow.system.EngineAsSystem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tasklist's filters for each role, with the lead's company, score and stage as columns (see LeadTaskColumns). Which
 * filters a user sees follows from FILTER READ authorizations: per group, and for the filters about the rep's own work
 * per rep (created for every rep, also one added later).
 *
 * <p>The engine is hardened against expressions in stored queries ({@code enableExpressionsInStoredQueries: false}):
 * a filter cannot say "assigned to me" ({@code ${currentUser()}}) or "due before now" ({@code ${now()}}). So a rep's
 * own filters name the rep, and the due date bounds of "Due today and late" and "My teams' late work" are moved on
 * every minute. The filters are brought to their definition at every start: a changed definition reaches existing
 * installations.
 */
@Component
class TasklistFilters implements ApplicationRunner {

  /** The filter property that marks a filter as one of these, with its key. */
  static final String KEY = "leadflowFilter";
  static final String OPEN_TASKS = "open-tasks";
  static final String TEAM_QUEUE = "team-queue";
  static final String TO_REVIEW = "to-review";
  static final String MARKETING_DUE = "marketing-due";
  static final String LATE_WORK = "late-work";
  static final String MY_LEADS = "my-leads/";
  static final String REP_DUE = "rep-due/";

  private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);
  /** A rep's work on a lead. */
  private static final String[] SALES_TASKS = {TASK_ACCEPT_LEAD, TASK_FOLLOW_UP_WITH_LEAD, TASK_WORK_OPPORTUNITY};
  /** Marketing ops' reviews of a lead: its unclear route and the data the CRM refused. */
  private static final String[] REVIEWS = {TASK_REVIEW_MQL, TASK_FIX_LEAD_DATA};
  private static final List<Map<String, String>> COLUMNS = List.of(
      column(LeadLifecycle.Variables.COMPANY, "Company"), column(LeadLifecycle.Variables.SCORE, "Score"),
      column(LeadLifecycle.Variables.STAGE, "Stage"));
  /** What earlier versions created and these filters replace. */
  private static final String REPLACED_UNCLAIMED_TASKS = "Unclaimed tasks";
  private static final String EARLIER_OPEN_TASKS = "Open tasks";

  /** Where a filter's due dates end, when it has such a bound. */
  private enum Due {
    NONE, END_OF_TODAY, NOW
  }

  /** One filter: its key, what Tasklist shows, its query, and who sees it (groups, or one user). */
  private record Definition(String key, String name, int priority, String description, Due due, ZoneId zone,
      UnaryOperator<TaskQuery> criteria, List<String> groups, String user) {
  }

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final SalesRepRepository reps;
  private final SalesTeamRepository teams;
  private final EngineAsSystem system;
  private final TransactionTemplate transaction;
  private final String owner;
  private final ZoneId defaultZone;

  TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations,
      SalesRepRepository reps, SalesTeamRepository teams, EngineAsSystem system, TransactionTemplate transaction,
      AdminAccount admin, @Value("${leadflow.sla.default-calendar.time-zone}") ZoneId defaultZone) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.reps = reps;
    this.teams = teams;
    this.system = system;
    this.transaction = transaction;
    this.owner = admin.username();
    this.defaultZone = defaultZone;
  }

  @Override
  public void run(ApplicationArguments args) {
    transaction.executeWithoutResult(status -> system.run(() -> {
      Map<String, Filter> existing = existing();
      for (Definition definition : definitions()) {
        save(definition, existing.get(definition.key()));
      }
    }));
  }

  /** A new rep sees their own filters at once. */
  @EventListener
  void repSaved(SalesRepSaved saved) {
    system.run(() -> {
      Map<String, Filter> existing = existing();
      reps.findById(saved.userId()).ifPresent(rep -> repDefinitions(rep)
          .forEach(definition -> save(definition, existing.get(definition.key()))));
    });
  }

  /** Moves the due date bounds on: "today" ends at midnight, "late" is now. */
  @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
  void moveDueDates() {
    try {
      transaction.executeWithoutResult(status -> system.run(() -> {
        Map<String, Filter> existing = existing();
        definitions().stream().filter(definition -> definition.due() != Due.NONE)
            .forEach(definition -> save(definition, existing.get(definition.key())));
      }));
    } catch (OptimisticLockingException another) {
      LOG.debug("Another node moved the filters' due dates at the same time", another);
    }
  }

  private List<Definition> definitions() {
    List<Definition> definitions = new ArrayList<>(List.of(
        new Definition(OPEN_TASKS, "Open tasks", 10, "Every task I may work on: mine and my teams'", Due.NONE, null,
            query -> query, List.of(Groups.MARKETING_OPS, Groups.SALES_REPS, Groups.SALES_MANAGERS), null),
        new Definition(TEAM_QUEUE, "My team's queue", 0, "Leads of my team that no rep has yet: take one",
            Due.NONE, null, query -> query.taskUnassigned().taskDefinitionKeyIn(SALES_TASKS),
            List.of(Groups.SALES_REPS, Groups.SALES_MANAGERS), null),
        new Definition(TO_REVIEW, "To review", -20, "Unclear routes and lead data the CRM refused", Due.NONE, null,
            query -> query.taskCandidateGroup(Groups.MARKETING_OPS).includeAssignedTasks()
                .taskDefinitionKeyIn(REVIEWS), List.of(Groups.MARKETING_OPS), null),
        new Definition(MARKETING_DUE, "Due today and late", -10, "Marketing ops' tasks due by the end of today",
            Due.END_OF_TODAY, defaultZone,
            query -> query.taskCandidateGroup(Groups.MARKETING_OPS).includeAssignedTasks(),
            List.of(Groups.MARKETING_OPS), null),
        new Definition(LATE_WORK, "My teams' late work", -20, "Reps' tasks past their deadline", Due.NOW, null,
            query -> query.taskDefinitionKeyIn(SALES_TASKS), List.of(Groups.SALES_MANAGERS), null)));
    reps.findAll().forEach(rep -> definitions.addAll(repDefinitions(rep)));
    return definitions;
  }

  private List<Definition> repDefinitions(SalesRep rep) {
    String user = rep.getUserId();
    ZoneId zone = teams.findById(rep.getTeamId()).map(SalesTeam::getTimeZone).orElse(defaultZone);
    return List.of(
        new Definition(MY_LEADS + user, "My leads", -20, "The leads assigned to me", Due.NONE, null,
            query -> query.taskAssignee(user), List.of(), user),
        new Definition(REP_DUE + user, "Due today and late", -10,
            "My tasks and my team's queue, due by the end of today", Due.END_OF_TODAY, zone,
            query -> query.or().taskAssignee(user).taskUnassigned().endOr().taskDefinitionKeyIn(SALES_TASKS),
            List.of(), user));
  }

  /** Leadflow's filters by key; an earlier version's "Open tasks" is taken over, its "Unclaimed tasks" replaced. */
  private Map<String, Filter> existing() {
    Map<String, Filter> byKey = new HashMap<>();
    for (Filter filter : filters.createTaskFilterQuery().filterOwner(owner).list()) {
      Object key = filter.getProperties() == null ? null : filter.getProperties().get(KEY);
      if (key != null) {
        byKey.put(key.toString(), filter);
      } else if (EARLIER_OPEN_TASKS.equals(filter.getName())) {
        byKey.putIfAbsent(OPEN_TASKS, filter);
      } else if (REPLACED_UNCLAIMED_TASKS.equals(filter.getName())) {
        filters.deleteFilter(filter.getId());
      }
    }
    return byKey;
  }

  /** Creates the filter or brings it to its definition, and lets its readers see it. */
  private void save(Definition definition, Filter existing) {
    TaskQuery query = definition.criteria().apply(tasks.createTaskQuery());
    if (definition.due() != Due.NONE) {
      query.dueBefore(dueBound(definition));
    }
    query.orderByDueDate().asc();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("priority", definition.priority());
    properties.put("description", definition.description());
    properties.put("refresh", true);
    properties.put("variables", COLUMNS);
    properties.put(KEY, definition.key());
    Filter filter = existing != null ? existing : filters.newTaskFilter();
    String before = existing == null ? null : ((FilterEntity) existing).getQueryInternal();
    Map<String, Object> propertiesBefore = existing == null ? null : existing.getProperties();
    String nameBefore = existing == null ? null : existing.getName();
    filter.setName(definition.name()).setOwner(owner).setProperties(properties).setQuery(query);
    if (existing == null || !Objects.equals(before, ((FilterEntity) filter).getQueryInternal())
        || !properties.equals(propertiesBefore) || !definition.name().equals(nameBefore)) {
      filters.saveFilter(filter);
    }
    definition.groups().forEach(group -> grantRead(filter, group, null));
    if (definition.user() != null) {
      grantRead(filter, null, definition.user());
    }
  }

  private Date dueBound(Definition definition) {
    Instant now = ClockUtil.now().toInstant();
    return Date.from(definition.due() == Due.NOW ? now
        : now.atZone(definition.zone()).toLocalDate().plusDays(1).atStartOfDay(definition.zone()).toInstant());
  }

  private void grantRead(Filter filter, String group, String user) {
    var query = authorizations.createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(filter.getId());
    if ((group != null ? query.groupIdIn(group) : query.userIdIn(user)).count() > 0) {
      return;
    }
    Authorization read = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    read.setGroupId(group);
    read.setUserId(user);
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizations.saveAuthorization(read);
  }

  private static Map<String, String> column(String variable, String label) {
    return Map.of("name", variable, "label", label);
  }
}
