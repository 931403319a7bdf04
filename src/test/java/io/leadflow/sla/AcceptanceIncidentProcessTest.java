package io.leadflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LifecycleDriver;
import io.leadflow.TestSmtpServer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A missed acceptance shows in Cockpit as an slaBreach incident until the next rep accepts the lead. */
@ProcessTest
class AcceptanceIncidentProcessTest {

  @Autowired LifecycleDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldRaiseAnIncidentWhenAcceptanceIsLateAndResolveItWhenTheNextRepAccepts() {
    UUID leadId = driver.handRaiser("ada.late@quinn.example", "DE", "Ada", "Late");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    Task accept = driver.task(instance, LeadLifecycle.Elements.TASK_ACCEPT_LEAD);
    String late = accept.getAssignee();

    // a few minutes late: the next rep's 30 minutes for a hand-raiser and the first contact's hour from the request still run
    driver.waitUntil(accept.getDueDate().toInstant().plus(Duration.ofMinutes(5)));

    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(SlaBreaches.INCIDENT_TYPE).singleResult();
    assertThat(incident).as("slaBreach incident").isNotNull();
    // with every rep of the team at capacity (other tests' leads), the lead waits in the team's queue: no owner
    assertThat(incident.getIncidentMessage()).startsWith("Ada Late: acceptance "
        + (late == null ? "(no owner)" : "by " + late) + " was due ").endsWith(" late");
    assertThat(incident.getConfiguration()).isEqualTo(SlaStep.ACCEPTANCE.name());

    Task next = driver.task(instance, LeadLifecycle.Elements.TASK_ACCEPT_LEAD);
    if (late != null) {
      assertThat(next.getAssignee()).isNotEqualTo(late);
    }
    driver.completeAs(next.getAssignee() != null ? next.getAssignee() : "sam", next,
        Map.of(LeadLifecycle.Variables.ACCEPT_OUTCOME, "ACCEPT"));

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(SlaBreaches.INCIDENT_TYPE).count()).as("open slaBreach incidents").isZero();
  }

  @Test
  void shouldReassignALateLeadOnTimeWhileItsReminderWaitsForTheMailServer() {
    UUID leadId = driver.handRaiser("ada.unreminded@quinn.example", "DE", "Ada", "Unreminded");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    Task accept = driver.task(instance, LeadLifecycle.Elements.TASK_ACCEPT_LEAD);
    Instant due = accept.getDueDate().toInstant();

    // the mail server is down from before the reminder until after the deadline: the reminder ends in an incident
    TestSmtpServer.stop();
    try {
      for (Instant at = LifecycleDriver.now(); !at.isAfter(due.plus(Duration.ofMinutes(1)));
          at = at.plus(Duration.ofMinutes(1))) {
        ClockUtil.setCurrentTime(Date.from(at));
        driver.runDueJobsAllowingFailures();
      }
    } finally {
      TestSmtpServer.running();
    }

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).incidentType("failedJob").list())
        .extracting(Incident::getActivityId).as("failed steps").containsExactly("Task_RemindRepToAccept");
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(SlaBreaches.INCIDENT_TYPE).configuration(SlaStep.ACCEPTANCE.name()).count())
        .as("slaBreach incidents").isOne();
    assertThat(jdbc.queryForObject("select breached_at from leadflow.sla_breach where lead_id = ? and step = "
        + "'ACCEPTANCE'", Timestamp.class, leadId).toInstant()).isBetween(due, due.plus(Duration.ofMinutes(1)));
    Task next = driver.task(instance, LeadLifecycle.Elements.TASK_ACCEPT_LEAD);
    assertThat(next.getId()).as("the next rep's task").isNotEqualTo(accept.getId());
  }
}
