package io.leadflow.metrics;

import io.leadflow.lead.Stage;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.nurture.LeadNurture;
import io.leadflow.system.EngineAsSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No lead left behind, checked: every open lead waits in exactly one place of its lifecycle, with an owner and a
 * deadline, or its lifecycle has ended in a final stage.
 * <ul>
 *   <li>A place is a user task of the lead's lifecycle (or of its nurture), owned by its assignee or candidate group
 *   and due at its due date, or a timer the lifecycle waits on (a cooling period, a revisit date, the nurture's next
 *   touch), owned by the system. Between places the lead is in a step the job executor runs (a job with a due date,
 *   or one stopped with an incident that operations own). "Fix lead data" is work beside the lead's place, not a
 *   place: marketing ops may fix the CRM's refusal while the rep follows up.</li>
 *   <li>Every user task, also of the printed kit, has an owner and a due date.</li>
 *   <li>A lead in an open stage whose lifecycle ended is left behind: it is started again at marketing ops' review,
 *   with the reason. (Leads loaded as history, that never had a lifecycle, are not checked.)</li>
 * </ul>
 * Each violation is an incident of type {@value #INCIDENT_TYPE} on the lead's lifecycle in Cockpit, naming the lead;
 * it is resolved by the next check once the lead is owned again. The count is the health contributor
 * {@code leadOwnership} and the gauge {@code leadflow_leads_unowned}.
 */
@Service
public class LeadOwnership {

  public static final String INCIDENT_TYPE = "leadNotOwned";
  /** The configuration of the incident on a lifecycle started again: it goes when the review is done. */
  static final String RESTARTED = "restarted";

  /** Stages a lead leaves only through its lifecycle: without a running one, it was left behind. */
  private static final Set<Stage> OPEN = EnumSet.of(Stage.INQUIRY, Stage.MQL, Stage.SAL, Stage.SQL, Stage.ON_HOLD,
      Stage.NURTURE, Stage.LOST);
  /** Work beside the lead's place (see class comment). */
  private static final Set<String> SIDE_WORK = Set.of(LeadLifecycle.Elements.TASK_FIX_LEAD_DATA);
  /**
   * Each running process instance with the top of its hierarchy (the lifecycle that called a nurture; the process
   * itself for the others) and that top's business key.
   */
  private static final String TREE = """
      select p.proc_inst_id_, coalesce(s.proc_inst_id_, p.id_) as root,
        coalesce(top.business_key_, p.business_key_) as business_key_
      from public.act_ru_execution p
      left join public.act_ru_execution s on s.id_ = p.super_exec_
      left join public.act_ru_execution top on top.id_ = s.proc_inst_id_
      where p.parent_id_ is null""";
  /** Several nodes: one raises and resolves incidents at a time. */
  private static final long LOCK = 0x1EAD0A11E4L;

  /** A lead that is not owned, and why. */
  public record Violation(UUID leadId, String lead, String stage, String problem) {
  }

  /** The result of one check. */
  public record Report(Instant checkedAt, List<Violation> violations) {

    public int count() {
      return violations.size();
    }
  }

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final TransactionTemplate transaction;
  private final EngineAsSystem asSystem;
  private final AtomicReference<Report> last = new AtomicReference<>();

  LeadOwnership(JdbcTemplate jdbc, RuntimeService runtime, RepositoryService repository,
      TransactionTemplate transaction, EngineAsSystem asSystem) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.repository = repository;
    this.transaction = transaction;
    this.asSystem = asSystem;
  }

  /** The last check's result, or null before the first. */
  public Report last() {
    return last.get();
  }

  /** Checks every open lead now, shows the violations in Cockpit and starts leads left behind again. */
  public Report check(Instant now) {
    Report report = transaction.execute(status -> {
      Report found = new Report(now, violations());
      if (Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
        asSystem.run(() -> show(found));
      }
      return found;
    });
    last.set(report);
    return report;
  }

  /** The violations as the database shows them now; changes nothing. */
  public List<Violation> violations() {
    Map<UUID, Violation> found = new LinkedHashMap<>();
    leftBehind().forEach(violation -> found.putIfAbsent(violation.leadId(), violation));
    notOwned().forEach(violation -> found.putIfAbsent(violation.leadId(), violation));
    return new ArrayList<>(found.values());
  }

  /** Open leads whose lifecycle ended: it was cancelled, or ended without reaching a final stage. */
  private List<Violation> leftBehind() {
    return jdbc.query("""
        select l.id, l.stage, concat_ws(' ', l.first_name, l.last_name) || coalesce(' (' || l.company || ')', '') as name
        from leadflow.lead l
        where l.stage in (%s)
          and not exists (select 1 from public.act_ru_execution e where e.business_key_ = l.id::text
                          and e.parent_id_ is null and e.proc_def_key_ = ?)
          and exists (select 1 from public.act_hi_procinst h where h.business_key_ = l.id::text and h.proc_def_key_ = ?)
        order by l.id""".formatted(OPEN.stream().map(stage -> "'" + stage.name() + "'")
            .collect(Collectors.joining(","))),
        (row, index) -> new Violation(row.getObject("id", UUID.class), row.getString("name"), row.getString("stage"),
            "its lifecycle ended in stage " + row.getString("stage") + " without an outcome"),
        LeadLifecycle.PROCESS_KEY, LeadLifecycle.PROCESS_KEY);
  }

  /** Running lifecycles that wait in no place, or in more than one, or at a task without owner or due date. */
  private List<Violation> notOwned() {
    Map<String, Lifecycle> lifecycles = new LinkedHashMap<>();
    jdbc.query("""
        select e.id_, e.business_key_, e.suspension_state_, l.stage,
          concat_ws(' ', l.first_name, l.last_name) || coalesce(' (' || l.company || ')', '') as name
        from public.act_ru_execution e
        left join leadflow.lead l on l.id::text = e.business_key_
        where e.parent_id_ is null and e.super_exec_ is null and e.proc_def_key_ = ?""", row -> {
          lifecycles.put(row.getString("id_"), new Lifecycle(row.getString("business_key_"), row.getString("name"),
              row.getString("stage"), row.getInt("suspension_state_") == 2));
        }, LeadLifecycle.PROCESS_KEY);
    Map<String, Lifecycle> sideProcesses = new LinkedHashMap<>();
    Map<String, String> steps = new HashMap<>();
    jdbc.query("""
        with tree as (%s)
        select tree.root, tree.business_key_, t.proc_def_id_, t.task_def_key_, t.name_, t.assignee_, t.due_date_,
          exists (select 1 from public.act_ru_identitylink i
                  where i.task_id_ = t.id_ and i.type_ = 'candidate' and i.group_id_ is not null) as has_group,
          l.stage, concat_ws(' ', l.first_name, l.last_name) || coalesce(' (' || l.company || ')', '') as name
        from public.act_ru_task t
        join tree on tree.proc_inst_id_ = t.proc_inst_id_
        left join leadflow.lead l on l.id::text = tree.business_key_""".formatted(TREE), row -> {
          Lifecycle lifecycle = lifecycles.get(row.getString("root"));
          if (lifecycle == null) {
            // a task of the lead's printed kit (or a process review): an owner and a due date, but no place
            Lifecycle side = new Lifecycle(row.getString("business_key_"), row.getString("name"),
                row.getString("stage"), false);
            lifecycle = sideProcesses.computeIfAbsent(row.getString("root"), root -> side);
            lifecycle.sideWork++;
          }
          // the step as the model names it: a task's own name is its title, which names the lead and changes
          String definition = row.getString("proc_def_id_");
          String taskKey = row.getString("task_def_key_");
          String taskName = row.getString("name_");
          String task = steps.computeIfAbsent(definition + "/" + taskKey, key -> step(definition, taskKey, taskName));
          if (row.getString("assignee_") == null && !row.getBoolean("has_group")) {
            lifecycle.problems.add("task '" + task + "' has no owner");
          }
          if (row.getTimestamp("due_date_") == null) {
            lifecycle.problems.add("task '" + task + "' has no due date");
          }
          if (!lifecycles.containsKey(row.getString("root"))) {
            return;
          }
          if (SIDE_WORK.contains(row.getString("task_def_key_"))) {
            lifecycle.sideWork++;
          } else {
            lifecycle.places.add(task);
          }
        });
    Set<String> catchTimers = catchTimers();
    jdbc.query("""
        with tree as (%s)
        select tree.root, d.act_id_, j.retries_, j.duedate_,
          exists (select 1 from public.act_ru_incident i where i.configuration_ = j.id_
                  and i.incident_type_ = 'failedJob') as incident
        from public.act_ru_job j
        join tree on tree.proc_inst_id_ = j.process_instance_id_
        left join public.act_ru_jobdef d on d.id_ = j.job_def_id_""".formatted(TREE), row -> {
          Lifecycle lifecycle = lifecycles.get(row.getString("root"));
          if (lifecycle == null) {
            return;
          }
          boolean runs = row.getInt("retries_") > 0 && row.getTimestamp("duedate_") != null;
          if (catchTimers.contains(row.getString("act_id_")) && runs) {
            lifecycle.places.add("timer " + row.getString("act_id_"));
          } else if (runs || row.getBoolean("incident")) {
            lifecycle.steps++;
          }
        });
    List<Violation> violations = new ArrayList<>();
    sideProcesses.values().stream().filter(side -> !side.problems.isEmpty())
        .forEach(side -> violations.add(new Violation(uuid(side.leadId), side.name, side.stage,
            String.join("; ", side.problems))));
    lifecycles.values().stream().sorted(Comparator.comparing(lifecycle -> lifecycle.leadId)).forEach(lifecycle -> {
      List<String> problems = new ArrayList<>(lifecycle.problems);
      if (lifecycle.suspended) {
        problems.add("its lifecycle is suspended");
      }
      if (lifecycle.places.size() > 1) {
        problems.add("it waits in " + lifecycle.places.size() + " places at once: " + String.join(", ",
            lifecycle.places));
      }
      if (lifecycle.places.isEmpty() && lifecycle.steps == 0 && lifecycle.sideWork == 0) {
        problems.add("it waits for nothing that has an owner and a deadline");
      }
      if (!problems.isEmpty()) {
        violations.add(new Violation(uuid(lifecycle.leadId), lifecycle.name, lifecycle.stage,
            String.join("; ", problems)));
      }
    });
    return violations;
  }

  /** The intermediate timer events the lead's processes wait at (not boundary timers: those watch a place). */
  private String step(String processDefinitionId, String taskDefinitionKey, String taskName) {
    FlowElement element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(taskDefinitionKey);
    return element == null || element.getName() == null ? taskName : element.getName();
  }

  private Set<String> catchTimers() {
    Set<String> ids = new HashSet<>();
    for (String key : List.of(LeadLifecycle.PROCESS_KEY, LeadNurture.PROCESS_KEY)) {
      ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult();
      if (definition != null) {
        repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(IntermediateCatchEvent.class)
            .stream().filter(event -> event.getEventDefinitions().stream()
                .anyMatch(TimerEventDefinition.class::isInstance))
            .forEach(event -> ids.add(event.getId()));
      }
    }
    return ids;
  }

  private void show(Report report) {
    Map<String, Violation> current = new HashMap<>();
    for (Violation violation : report.violations()) {
      String lifecycle = lifecycleOf(violation.leadId());
      if (lifecycle == null) {
        startAgainAtReview(violation);
        continue;
      }
      current.put(violation.leadId().toString(), violation);
      if (runtime.createIncidentQuery().processInstanceId(lifecycle).incidentType(INCIDENT_TYPE)
          .configuration(violation.leadId().toString()).count() == 0) {
        runtime.createIncident(INCIDENT_TYPE, waitingExecution(lifecycle), violation.leadId().toString(),
            message(violation));
      }
    }
    for (Incident incident : runtime.createIncidentQuery().incidentType(INCIDENT_TYPE).list()) {
      boolean stillOpen = RESTARTED.equals(incident.getConfiguration())
          ? inReview(incident.getProcessInstanceId()) : current.containsKey(incident.getConfiguration());
      if (!stillOpen) {
        runtime.resolveIncident(incident.getId());
      }
    }
  }

  /**
   * A lead left behind gets an owner and a deadline again: its lifecycle starts at marketing ops' review, whose form
   * says why; the incident stays there until the review is done.
   */
  private void startAgainAtReview(Violation violation) {
    String leadId = violation.leadId().toString();
    String segment = jdbc.queryForObject("select segment from leadflow.lead where id = ?", String.class,
        violation.leadId());
    var instance = runtime.createProcessInstanceByKey(LeadLifecycle.PROCESS_KEY).businessKey(leadId)
        .setVariables(Variables.createVariables()
            .putValue(LeadLifecycle.Variables.LEAD_ID, leadId)
            .putValue(LeadLifecycle.Variables.STAGE, violation.stage())
            .putValue(LeadLifecycle.Variables.SEGMENT, segment)
            .putValue(LeadLifecycle.Variables.HAND_RAISER, false)
            .putValue(LeadLifecycle.Variables.ROUTING_REASON, "Found left behind: " + violation.problem()
                + ". Marketing ops decide where it goes."))
        .startBeforeActivity(LeadLifecycle.Elements.TASK_REVIEW_MQL)
        .execute();
    runtime.createIncident(INCIDENT_TYPE, waitingExecution(instance.getId()), RESTARTED,
        message(violation) + "; started again at marketing ops' review");
  }

  private boolean inReview(String processInstanceId) {
    return jdbc.queryForObject("select count(*) from public.act_ru_task where proc_inst_id_ = ? and task_def_key_ = ?",
        Long.class, processInstanceId, LeadLifecycle.Elements.TASK_REVIEW_MQL) > 0;
  }

  private String lifecycleOf(UUID leadId) {
    return jdbc.queryForList("""
        select id_ from public.act_ru_execution where business_key_ = ? and parent_id_ is null and proc_def_key_ = ?""",
        String.class, leadId.toString(), LeadLifecycle.PROCESS_KEY).stream().findFirst().orElse(null);
  }

  /** Cockpit shows an incident on the step that waits: an open task's execution, else any waiting execution. */
  private String waitingExecution(String processInstanceId) {
    return jdbc.queryForObject("""
        select coalesce((select min(t.execution_id_) from public.act_ru_task t where t.proc_inst_id_ = ?),
          (select min(x.id_) from public.act_ru_execution x where x.proc_inst_id_ = ? and x.act_id_ is not null), ?)""",
        String.class, processInstanceId, processInstanceId, processInstanceId);
  }

  private static String message(Violation violation) {
    return (violation.lead() == null || violation.lead().isBlank() ? "Lead" : violation.lead()) + ", lead "
        + violation.leadId() + " (" + violation.stage() + "): " + violation.problem();
  }

  private static UUID uuid(String businessKey) {
    try {
      return UUID.fromString(businessKey);
    } catch (IllegalArgumentException | NullPointerException e) {
      return new UUID(0, 0);
    }
  }

  /** What one running lifecycle waits for, gathered from its tasks and jobs. */
  private static final class Lifecycle {

    final String leadId;
    final String name;
    final String stage;
    final boolean suspended;
    final List<String> places = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    int sideWork;
    int steps;

    Lifecycle(String leadId, String name, String stage, boolean suspended) {
      this.leadId = leadId;
      this.name = name;
      this.stage = stage;
      this.suspended = suspended;
    }
  }
}
