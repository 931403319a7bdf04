package io.leadflow.sla;

import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.NoResponsePolicy;
import io.leadflow.system.TransactionScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
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
public class SlaDeadlines implements NoResponsePolicy {

  /**
   * Steps whose work belongs to marketing ops (Task_ReviewMql, Task_FixLeadData, the printed kit): they work by the
   * default calendar, even when the lead already has a team in another time zone.
   */
  private static final Set<SlaStep> MARKETING_OPS_WORK = EnumSet.of(SlaStep.MQL_REVIEW, SlaStep.DATA_FIX,
      SlaStep.PRINTED_KIT);

  private final SlaPolicies policies;
  private final WorkingTime workingTime;
  private final SpeedToLead speedToLead;
  /** When a step's deadlines of a process instance count from, per transaction (see {@link #start}). */
  private final TransactionScoped<String, Instant> countedFrom = new TransactionScoped<>();

  SlaDeadlines(SlaPolicies policies, WorkingTime workingTime, SpeedToLead speedToLead) {
    this.policies = policies;
    this.workingTime = workingTime;
    this.speedToLead = speedToLead;
  }

  /** When the step must be done, counted from now (or from the lead's request, where the policy says so). */
  public Date deadline(VariableScope execution, String step) {
    SlaStep slaStep = SlaStep.valueOf(step);
    return Date.from(deadlineAt(execution, slaStep, policy(execution, slaStep), start(execution, slaStep)));
  }

  /**
   * When to remind the owner: the policy's reminder point before the deadline, counted as the deadline counts, never
   * before now and, unless the policy allows it, within the owner's working hours.
   */
  public Date reminder(VariableScope execution, String step) {
    SlaStep slaStep = SlaStep.valueOf(step);
    SlaPolicy policy = policy(execution, slaStep);
    String team = owningTeam(execution, slaStep);
    Instant now = start(execution, slaStep);
    Instant deadline = deadlineAt(execution, slaStep, policy, now);
    Duration before = policy.reminderBefore() == null ? Duration.ZERO : policy.reminderBefore();
    Instant reminder = switch (policy.counting()) {
      case WORKING_HOURS -> workingTime.subtract(deadline, before, team);
      case WORKING_DAYS -> workingTime.subtractWorkingDays(deadline, before, team);
      case CALENDAR -> deadline.minus(before);
    };
    if (reminder.isBefore(now)) {
      reminder = now;
    }
    if (!policy.outOfHours()) {
      reminder = workingTime.nextWorkingMoment(reminder, team);
    }
    return Date.from(reminder.isAfter(deadline) ? deadline : reminder);
  }

  /**
   * The next of a repeating reminder as a timer cycle of one, e.g. {@code R1/2026-11-30T09:00:00Z/P1D}: the engine
   * reads the expression again each time the timer falls due (reevaluateTimeCycleWhenDue), so every reminder is
   * placed on its own. Unless the policy allows it, the interval counts the owner's working days only and the reminder
   * falls within their working hours: a daily reminder skips the weekend.
   */
  public String reminderCycle(VariableScope execution, String step) {
    SlaStep slaStep = SlaStep.valueOf(step);
    SlaPolicy policy = policy(execution, slaStep);
    if (policy.reminderEvery() == null) {
      throw new IllegalStateException("The SLA policy gives no slaReminderEvery for step " + step);
    }
    String team = owningTeam(execution, slaStep);
    Instant now = start(execution, slaStep);
    Instant next = policy.outOfHours() ? now.plus(policy.reminderEvery())
        : workingTime.nextWorkingMoment(workingTime.addWorkingDays(now, policy.reminderEvery(), team), team);
    return "R1/" + next + "/" + policy.reminderEvery();
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

  /** The contact attempts a rep must have logged before ending the follow-up as "no response" (0: none). */
  @Override
  public int minimumAttempts(VariableScope execution) {
    Integer minimum = policy(execution, SlaStep.FOLLOW_UP).minimumAttempts();
    return minimum == null ? 0 : minimum;
  }

  /**
   * By when a lead who asked to be called (a demo or a contact request) is called at the latest, in the calendar's
   * time zone: the hand-raiser's first-contact deadline in the team's working time (the default calendar while the
   * lead has no team). Where the speed-to-lead clock counts from the request, that is now and covers acceptance;
   * otherwise first contact counts from the acceptance deadline, unless a rep has accepted the lead already.
   */
  public ZonedDateTime callBackBy(String team, String segment, boolean accepted, Instant now) {
    SlaPolicy firstContact = policies.policy(SlaStep.FIRST_CONTACT, segment, true);
    Instant start = accepted || firstContact.countFrom() == SlaPolicy.CountFrom.REQUEST ? now
        : deadlineAt(team, policies.policy(SlaStep.ACCEPTANCE, segment, true), now);
    return deadlineAt(team, firstContact, start).atZone(workingTime.zoneOf(team));
  }

  private Instant deadlineAt(VariableScope execution, SlaStep step, SlaPolicy policy, Instant start) {
    Instant from = policy.countFrom() == SlaPolicy.CountFrom.REQUEST ? requestedAt(execution, start) : start;
    return deadlineAt(owningTeam(execution, step), policy, from);
  }

  private Instant deadlineAt(String team, SlaPolicy policy, Instant from) {
    Instant deadline = policy.endOfWorkingDay() ? workingTime.endOfWorkingDay(from, team)
        : count(from, policy.deadline(), policy.counting(), team);
    if (policy.maximum() != null) {
      Instant cap = count(from, policy.maximum(), policy.maximumCounting(), team);
      if (deadline.isAfter(cap)) {
        deadline = cap;
      }
    }
    // an escalation that falls due at night or on a Sunday waits for the owner's next working hour
    return policy.outOfHours() ? deadline : workingTime.nextWorkingMoment(deadline, team);
  }

  private Instant count(Instant from, Duration amount, SlaPolicy.Counting counting, String team) {
    return switch (counting) {
      case WORKING_HOURS -> workingTime.add(from, amount, team);
      case WORKING_DAYS -> workingTime.addWorkingDays(from, amount, team);
      case CALENDAR -> from.plus(amount);
    };
  }

  /** The owner's calendar: the lead's team; marketing ops and work no team owns yet work by the default calendar. */
  private static String owningTeam(VariableScope execution, SlaStep step) {
    return MARKETING_OPS_WORK.contains(step) ? null
        : (String) execution.getVariable(LeadLifecycle.Variables.SALES_TEAM);
  }

  /** The hand-raiser's request, or when marketing ops routed it after reviewing it (see {@link SpeedToLead}). */
  private Instant requestedAt(VariableScope scope, Instant start) {
    UUID leadId = UUID.fromString((String) scope.getVariable(LeadLifecycle.Variables.LEAD_ID));
    Instant routedByReview = null;
    if (scope instanceof DelegateExecution execution) {
      routedByReview = execution.getProcessEngineServices().getHistoryService().createHistoricTaskInstanceQuery()
          .processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey(LeadLifecycle.Elements.TASK_REVIEW_MQL).finished()
          .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1).stream()
          .map(HistoricTaskInstance::getEndTime).map(Date::toInstant).findFirst().orElse(null);
    }
    return speedToLead.startedAt(leadId, routedByReview, start);
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
