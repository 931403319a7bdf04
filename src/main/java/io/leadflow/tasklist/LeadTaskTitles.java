package io.leadflow.tasklist;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadDetailsChanged;
import io.leadflow.lead.LeadOwnerChanged;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.ScoreReasonRepository;
import io.leadflow.lifecycle.LeadTaskColumns;
import io.leadflow.sla.LeadDeadlineMissed;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Names each of a lead's tasks after its lead, so that a Tasklist row says whose work it is: "Accept lead: Ada
 * Lovelace, Analytical Engines (score 110, due 14:00)", the due time in the owning team's time zone. The priority says
 * how urgent it is: {@value #NORMAL} normally, more for a hand-raiser and more again once the deadline has passed.
 * The name and priority follow the lead: when the task is created or updated (a new due date), when the lead's owner,
 * name, company or score changes, and when its deadline is missed.
 *
 * <p>They are written as the engine's own fields, not as a user's change: a rep claiming a task must not log the
 * lead's name in the user operation log. An erasure renames the tasks in history back to their model names.
 */
@Component("leadTaskTitle")
public class LeadTaskTitles implements TaskListener {

  public static final int NORMAL = 50;
  public static final int HAND_RAISER = 70;
  public static final int LATE = 80;
  public static final int LATE_HAND_RAISER = 90;
  private static final int MAX_NAME = 255;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

  private final LeadRepository leads;
  private final ScoreReasonRepository reasons;
  private final LeadFormValues forms;
  private final LeadTaskColumns columns;
  private final ObjectProvider<ProcessEngineConfigurationImpl> engine;

  LeadTaskTitles(LeadRepository leads, ScoreReasonRepository reasons, LeadFormValues forms, LeadTaskColumns columns,
      ObjectProvider<ProcessEngineConfigurationImpl> engine) {
    this.leads = leads;
    this.reasons = reasons;
    this.forms = forms;
    this.columns = columns;
    this.engine = engine;
  }

  /** On a lead task's "create" (with Tasklist's columns, {@link LeadTaskColumns}) and "update". */
  @Override
  public void notify(DelegateTask task) {
    if (task instanceof TaskEntity entity && entity.getProcessInstance() != null) {
      leadId(entity.getProcessInstance().getBusinessKey()).flatMap(leads::findById).ifPresent(lead -> {
        title(entity, lead);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
          columns.show(task, lead);
        }
      });
    }
  }

  @EventListener
  void on(LeadOwnerChanged changed) {
    refresh(changed.lead().getId());
  }

  @EventListener
  void on(LeadDetailsChanged changed) {
    refresh(changed.leadId());
  }

  @EventListener
  void on(LeadDeadlineMissed missed) {
    refresh(missed.leadId());
  }

  /** Names the lead's open tasks anew, e.g. once a deadline has passed. Joins the caller's transaction. */
  void refresh(UUID leadId) {
    engine.getObject().getCommandExecutorTxRequired().execute(context -> {
      List<Task> open = context.runWithoutAuthorization(() -> new TaskQueryImpl()
          .processInstanceBusinessKey(leadId.toString()).list());
      if (!open.isEmpty()) {
        leads.findById(leadId).ifPresent(lead -> open.forEach(task -> title((TaskEntity) task, lead)));
      }
      return null;
    });
  }

  private void title(TaskEntity task, Lead lead) {
    String step = task.getTaskDefinition() == null ? task.getName()
        : task.getTaskDefinition().getNameExpression().getExpressionText();
    Date due = task.getDueDate();
    // plain fields: not a change by the user whose command runs (no user operation log, no "update" event)
    task.setNameWithoutCascade(name(step, lead, due == null ? null : due.toInstant(), forms.zoneOf(lead)));
    task.setPriorityWithoutCascade(priority(lead, due));
  }

  /** "Accept lead: Ada Lovelace, Analytical Engines (score 110, due 14:00)", cut to fit the task's name. */
  static String name(String step, Lead lead, Instant due, ZoneId zone) {
    String who = lead.getFullName() != null && !lead.getFullName().isBlank() ? lead.getFullName()
        : lead.getEmail() != null ? lead.getEmail() : lead.getPhone() != null ? lead.getPhone() : "unnamed lead";
    String company = lead.getCompany() == null ? "" : ", " + lead.getCompany();
    String score = lead.getScore() == null ? null : "score " + lead.getScore();
    String deadline = due == null ? null : "due " + when(due, zone);
    String facts = score == null && deadline == null ? ""
        : " (" + (score == null ? deadline : deadline == null ? score : score + ", " + deadline) + ")";
    String name = step + ": " + who + company + facts;
    if (name.length() <= MAX_NAME) {
      return name;
    }
    int room = MAX_NAME - step.length() - 2 - facts.length() - 1;
    return step + ": " + (who + company).substring(0, Math.max(0, room)) + "…" + facts;
  }

  private static String when(Instant due, ZoneId zone) {
    ZonedDateTime at = due.atZone(zone);
    boolean today = at.toLocalDate().equals(ClockUtil.now().toInstant().atZone(zone).toLocalDate());
    return (today ? TIME : DAY_AND_TIME).format(at);
  }

  private int priority(Lead lead, Date due) {
    boolean late = due != null && due.before(ClockUtil.now());
    boolean handRaiser = reasons.findByLeadIdOrderByPositionAsc(lead.getId()).stream()
        .anyMatch(reason -> "HAND_RAISER".equals(reason.getCategory()));
    return late ? (handRaiser ? LATE_HAND_RAISER : LATE) : handRaiser ? HAND_RAISER : NORMAL;
  }

  private static Optional<UUID> leadId(String businessKey) {
    try {
      return Optional.ofNullable(businessKey).map(UUID::fromString);
    } catch (IllegalArgumentException notALead) {
      return Optional.empty();
    }
  }
}
