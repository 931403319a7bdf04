package io.leadflow.sla;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.ElementProperties;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.lifecycle.LeadTasks;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Escalates a missed deadline: records the breach against the owner, raises an "slaBreach" incident on the late task
 * in Cockpit and moves the late task up in Tasklist (its priority). The people the SLA policy names hear of it in the
 * next step ("Tell managers about ...", {@link TellManagersDelegate}), so the escalation does not wait for the mail
 * server. Does nothing when the task is no longer open by the time it runs. The step's extension properties name the
 * task ({@code forTask}) and its SLA step ({@code slaStep}).
 */
@Component("escalateSlaBreach")
class EscalateSlaBreachDelegate implements JavaDelegate {

  private final LeadRepository leads;
  private final SlaBreaches breaches;
  private final SlaDeadlines deadlines;
  private final ApplicationEventPublisher events;

  EscalateSlaBreachDelegate(LeadRepository leads, SlaBreaches breaches, SlaDeadlines deadlines,
      ApplicationEventPublisher events) {
    this.leads = leads;
    this.breaches = breaches;
    this.deadlines = deadlines;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaStep step = SlaStep.valueOf(ElementProperties.required(execution, LeadLifecycle.Properties.SLA_STEP));
    Optional<Instant> passed = deadlines.passed(execution);
    Task task = LeadTasks.open(execution, ElementProperties.required(execution, LeadLifecycle.Properties.FOR_TASK),
        passed.orElse(null)).orElse(null);
    if (task == null) {
      // the escalation runs as a job of its own after the deadline's timer; the task was completed in between (or the
      // work is between two attempts). A breach recorded now would stay open, since the completion that resolves it
      // has passed, and managers would be mailed about finished work. Like a reminder, it has nothing left to do.
      return;
    }
    Lead lead = leads.findById(LeadReference.of(execution))
        .orElseThrow();
    Instant now = ClockUtil.now().toInstant();
    String owner = task.getAssignee() != null ? task.getAssignee()
        : (String) execution.getVariable(LeadLifecycle.Variables.SALES_REP);
    String team = (String) execution.getVariable(LeadLifecycle.Variables.SALES_TEAM);
    Instant due = passed.orElse(now);
    breaches.record(new SlaBreach(lead.getId(), step, owner, team, due, now, execution.getProcessInstanceId(),
        deadlines.policy(execution, step).escalateTo()), task.getExecutionId(),
        lead.getFullName() + " (" + lead.getCompany() + ")");
    events.publishEvent(new LeadDeadlineMissed(lead.getId()));
  }
}
