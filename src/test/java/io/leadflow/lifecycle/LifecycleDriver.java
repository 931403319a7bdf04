package io.leadflow.lifecycle;

import io.leadflow.intake.Budget;
import io.leadflow.intake.Industry;
import io.leadflow.intake.JobLevel;
import io.leadflow.intake.LeadIntake;
import io.leadflow.intake.NewLead;
import io.leadflow.intake.RequestType;
import io.leadflow.intake.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Drives leads through the lifecycle in process tests the way the job executor and the users would: captures leads,
 * runs the due jobs, moves the engine clock, completes tasks as a logged-in user.
 */
@Component
public class LifecycleDriver {

  private final LeadIntake intake;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;

  LifecycleDriver(LeadIntake intake, RuntimeService runtime, TaskService tasks, ManagementService management,
      IdentityService identity) {
    this.intake = intake;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.identity = identity;
  }

  /** A lead that fits and asked for a demo: marketing-qualified at once. Named after the email's local part. */
  public UUID handRaiser(String email, String country) {
    String local = email.substring(0, email.indexOf('@')).replaceAll("[^A-Za-z]", "");
    return handRaiser(email, country, Character.toUpperCase(local.charAt(0)) + local.substring(1), "Quinn");
  }

  public UUID handRaiser(String email, String country, String firstName, String lastName) {
    return intake.capture(new NewLead(email, firstName, lastName, "Quinn Systems", "CTO", "+49 30 1234567", country,
        "web-form", "demo-campaign", RequestType.DEMO, "product-overview", "automation", Industry.SOFTWARE, 2500,
        JobLevel.DECISION_MAKER, null, Budget.CONFIRMED, null, null, Timeframe.WITHIN_3_MONTHS, true), "mia");
  }

  /** A lead with little fit and no buying signal: nurtured. */
  public UUID notReady(String email) {
    return intake.capture(new NewLead(email, "Bo", "Berg", "Berg Bakery", "Owner", null, "DE", "content-download",
        "ebook-2026", RequestType.CONTENT_DOWNLOAD, "roi-guide", null, Industry.RETAIL, 8, JobLevel.USER, null, null,
        null, null, null, true), "mia");
  }

  /** A lead that fits well but asked for no demo: an enterprise MQL by its score, not a hand-raiser. */
  public UUID fittingInquiry(String email, String country) {
    return intake.capture(new NewLead(email, "Fia", "Quinn", "Quinn Systems", "CTO", "+49 30 1234567", country,
        "content-download", "ebook-2026", RequestType.CONTENT_DOWNLOAD, "roi-guide", "automation", Industry.SOFTWARE,
        2500, JobLevel.DECISION_MAKER, null, Budget.CONFIRMED, null, null, Timeframe.WITHIN_3_MONTHS, true), "mia");
  }

  /** A demo request from a free-mail address with nothing else known: a hand-raiser whose profile does not fit. */
  public UUID unfittingHandRaiser(String email, String country) {
    return intake.capture(new NewLead(email, "Uma", "Sparse", "Sparse Ventures", null, null, country, "web-form",
        "demo-campaign", RequestType.DEMO, null, null, null, null, null, null, null, null, null, null, true), "mia");
  }

  public ProcessInstance instance(UUID leadId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(LeadLifecycle.PROCESS_KEY)
        .processInstanceBusinessKey(leadId.toString()).singleResult();
  }

  /** Runs every job that is due now (async steps, timers that fell due), until none is left. */
  public void runDueJobs() {
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().executable().list().stream()
          .filter(job -> job.getDuedate() == null || !job.getDuedate().after(ClockUtil.getCurrentTime()))
          .toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new IllegalStateException("Jobs keep coming after 100 rounds");
  }

  /**
   * Runs due jobs like {@link #runDueJobs()}, but a job that fails stays failed (as under the job executor: its
   * retries count down and it is due again later) instead of failing the test.
   */
  public void runDueJobsAllowingFailures() {
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().executable().list().stream()
          .filter(job -> job.getDuedate() == null || !job.getDuedate().after(ClockUtil.getCurrentTime()))
          .toList();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // recorded on the job: exception, retries left, next due date
        }
      }
    }
    throw new IllegalStateException("Jobs keep coming after 100 rounds");
  }

  /** Completes a task as the user; the steps that follow may fail without failing the test. */
  public void completeAsAllowingFailures(String userId, Task task, Map<String, Object> variables) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList());
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
    runDueJobsAllowingFailures();
  }

  /** Moves the engine clock and runs what fell due. */
  public void waitFor(Duration duration) {
    ClockUtil.setCurrentTime(Date.from(now().plus(duration)));
    runDueJobs();
  }

  /** Moves the engine clock to an instant and runs what fell due. */
  public void waitUntil(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
    runDueJobs();
  }

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public Task task(ProcessInstance instance, String taskDefinitionKey) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskDefinitionKey)
        .singleResult();
  }

  /** Completes the task as the user would in Tasklist (the user's groups count for authorizations). */
  public void completeAs(String userId, Task task, Map<String, Object> variables) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList());
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
    runDueJobs();
  }

  /** Ends every running process and closes every open lead, so that tests do not meet each other's work. */
  public void cleanUp(org.springframework.jdbc.core.JdbcTemplate jdbc) {
    List<String> running = runtime.createProcessInstanceQuery().rootProcessInstances().list().stream()
        .map(ProcessInstance::getId).toList();
    if (!running.isEmpty()) {
      runtime.deleteProcessInstances(running, "test finished", true, true);
    }
    // closed in a final stage: an open lead without its lifecycle would be a lead left behind (LeadOwnership)
    jdbc.update("update leadflow.lead set stage = 'DISQUALIFIED' "
        + "where stage in ('INQUIRY', 'MQL', 'SAL', 'SQL', 'ON_HOLD', 'NURTURE', 'LOST')");
  }

  public Object variable(ProcessInstance instance, String name) {
    return runtime.getVariable(instance.getId(), name);
  }
}
