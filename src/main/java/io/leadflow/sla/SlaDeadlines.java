package io.leadflow.sla;

import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.TransactionScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.stereotype.Component;

/**
 * Deadlines for timers and task due dates, from the SLA policy table. Used in the models as expressions, e.g. a
 * boundary timer's date {@code ${slaDeadlines.deadline(execution, 'ACCEPTANCE')}}, so a designer sees which policy a
 * timer follows and the table decides how long it is.
 */
@Component("slaDeadlines")
public class SlaDeadlines {

  /** Steps whose task belongs to the candidate group marketing-ops (Task_ReviewMql, Task_FixLeadData). */
  private static final Set<SlaStep> MARKETING_OPS_WORK = EnumSet.of(SlaStep.MQL_REVIEW, SlaStep.DATA_FIX);

  private final SlaPolicies policies;
  private final WorkingTime workingTime;
  /** When a step's deadlines of a process instance count from, per transaction (see {@link #start}). */
  private final TransactionScoped<String, Instant> countedFrom = new TransactionScoped<>();

  SlaDeadlines(SlaPolicies policies, WorkingTime workingTime) {
    this.policies = policies;
    this.workingTime = workingTime;
  }

  /** When the step must be done, counted from now. */
  public Date deadline(VariableScope execution, String step) {
    SlaStep slaStep = SlaStep.valueOf(step);
    return Date.from(deadlineAt(execution, slaStep, policy(execution, slaStep), start(execution, slaStep)));
  }

  /** When to remind the owner: the policy's reminder point before the deadline (never before now). */
  public Date reminder(VariableScope execution, String step) {
    SlaStep slaStep = SlaStep.valueOf(step);
    SlaPolicy policy = policy(execution, slaStep);
    Instant now = start(execution, slaStep);
    Instant deadline = deadlineAt(execution, slaStep, policy, now);
    Duration before = policy.reminderBefore() == null ? Duration.ZERO : policy.reminderBefore();
    Instant reminder = deadline.minus(before);
    return Date.from(reminder.isBefore(now) ? now : reminder);
  }

  /** A repeating reminder as a timer cycle, e.g. {@code R9/PT24H}: every interval until the deadline. */
  public String reminderCycle(VariableScope execution, String step) {
    SlaStep slaStep = SlaStep.valueOf(step);
    SlaPolicy policy = policy(execution, slaStep);
    if (policy.reminderEvery() == null) {
      throw new IllegalStateException("The SLA policy gives no slaReminderEvery for step " + step);
    }
    Instant now = start(execution, slaStep);
    long repetitions = Math.max(1,
        Duration.between(now, deadlineAt(execution, slaStep, policy, now)).dividedBy(policy.reminderEvery()) - 1);
    return "R" + repetitions + "/" + policy.reminderEvery();
  }

  /**
   * The deadline that passed: the due date of the boundary timer that led to this step (directly, or through a check
   * such as "Contacted yet?"). Not the open task's due date, which can be later: a stalled opportunity's timer counts
   * from the start of "Work opportunity", but each forecast update creates a new task with a deadline of its own. The
   * timer's job is gone once it fired, so its due date is read from the job log (history level full, as configured);
   * empty without one.
   */
  public Optional<Instant> passed(DelegateExecution execution) {
    FlowNode node = (FlowNode) execution.getBpmnModelElementInstance();
    while (!(node instanceof BoundaryEvent)) {
      if (node.getIncoming().size() != 1) {
        return Optional.empty();
      }
      node = node.getIncoming().iterator().next().getSource();
    }
    String timer = node.getId();
    return execution.getProcessEngineServices().getHistoryService().createHistoricJobLogQuery()
        .processInstanceId(execution.getProcessInstanceId()).activityIdIn(timer).successLog()
        .orderByTimestamp().desc().orderPartiallyByOccurrence().desc().listPage(0, 1).stream()
        .map(HistoricJobLog::getJobDueDate).filter(Objects::nonNull).map(Date::toInstant).findFirst();
  }

  /** The policy for the step as it applies to this lead. */
  public SlaPolicy policy(VariableScope execution, SlaStep step) {
    return policies.policy(step, (String) execution.getVariable(LeadLifecycle.Variables.SEGMENT),
        Boolean.TRUE.equals(execution.getVariable(LeadLifecycle.Variables.HAND_RAISER)));
  }

  /**
   * By when a lead who asked to be called (a demo or a contact request) is called at the latest, in the calendar's
   * time zone: the hand-raiser's first-contact deadline, after the acceptance deadline unless a rep has accepted the
   * lead already, in the team's working time (the default calendar while the lead has no team).
   */
  public ZonedDateTime callBackBy(String team, String segment, boolean accepted, Instant now) {
    Instant start = accepted ? now : deadlineAt(team, policies.policy(SlaStep.ACCEPTANCE, segment, true), now);
    return deadlineAt(team, policies.policy(SlaStep.FIRST_CONTACT, segment, true), start)
        .atZone(workingTime.zoneOf(team));
  }

  private Instant deadlineAt(VariableScope execution, SlaStep step, SlaPolicy policy, Instant start) {
    // the owning team's calendar counts; marketing ops are no sales team and work by the default calendar (null),
    // even when the lead already has a team in another time zone
    String team = MARKETING_OPS_WORK.contains(step) ? null
        : (String) execution.getVariable(LeadLifecycle.Variables.SALES_TEAM);
    return deadlineAt(team, policy, start);
  }

  private Instant deadlineAt(String team, SlaPolicy policy, Instant start) {
    Instant deadline;
    if (policy.endOfWorkingDay()) {
      deadline = workingTime.endOfWorkingDay(start, team);
    } else if (policy.workingTime()) {
      deadline = workingTime.add(start, policy.deadline(), team);
    } else {
      deadline = start.plus(policy.deadline());
    }
    if (policy.maximum() != null && deadline.isAfter(start.plus(policy.maximum()))) {
      return start.plus(policy.maximum());
    }
    return deadline;
  }

  /**
   * Now, the same for all of a step's deadlines in one transaction: the task's due date, its deadline timer and its
   * reminder are worked out moments apart, and in working hours a deadline counted from each moment would differ by
   * those milliseconds, so the deadline that passed would not be the task's due date.
   */
  private Instant start(VariableScope scope, SlaStep step) {
    if (!(scope instanceof DelegateExecution execution)) {
      return ClockUtil.now().toInstant();
    }
    return countedFrom.get(execution.getProcessInstanceId() + "/" + step, key -> ClockUtil.now().toInstant());
  }
}
