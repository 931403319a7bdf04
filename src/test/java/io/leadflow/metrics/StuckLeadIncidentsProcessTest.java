package io.leadflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LifecycleDriver;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A lead far slower than its segment's history shows as a stuckLead incident in Cockpit until it moves on. */
@ProcessTest
class StuckLeadIncidentsProcessTest {

  @Autowired LifecycleDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  @Autowired StuckLeadIncidents incidents;

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldFlagALeadStuckAboveTheSegmentsUsualTimeAndResolveItWhenItMovesOn() {
    UUID leadId = driver.handRaiser("stuck@quinn.example", "DE", "Stella", "Stuck");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    Task accept = driver.task(instance, LeadLifecycle.Elements.TASK_ACCEPT_LEAD);
    String stage = jdbc.queryForObject("select stage from leadflow.lead where id = ?", String.class, leadId);
    // 20 leads of its segment left this stage within a day; this one entered it 10 days ago
    jdbc.update("update leadflow.lead set segment = 'STUCK_TEST' where id = ?", leadId);
    jdbc.update("update leadflow.lead_stage_change set changed_at = changed_at - interval '10 days' where lead_id = ?",
        leadId);
    FixedHistory history = new FixedHistory(jdbc);
    Instant start = Instant.now().minus(20, ChronoUnit.DAYS);
    for (int i = 0; i < 20; i++) {
      UUID earlier = history.lead("STUCK_TEST", null, null, "WEB", null, start.toString(), "WON");
      history.stage(earlier, null, stage, start.toString(), "system", null)
          .stage(earlier, stage, "LOST", start.plus(i + 1, ChronoUnit.HOURS).toString(), "system", null);
    }

    incidents.check(Instant.now());

    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(StuckLeadIncidents.INCIDENT_TYPE).singleResult();
    assertThat(incident).as("stuckLead incident").isNotNull();
    assertThat(incident.getConfiguration()).isEqualTo(stage);
    assertThat(incident.getIncidentMessage()).startsWith("Stella Stuck (Quinn Systems) usually leaves " + stage
        + " within 1 days in segment STUCK_TEST (80% of 20 leads); it has been there 10 days");

    incidents.check(Instant.now());
    assertThat(runtime.createIncidentQuery().incidentType(StuckLeadIncidents.INCIDENT_TYPE).count())
        .as("a second check raises no second incident").isEqualTo(1);

    driver.completeAs(accept.getAssignee(), accept, Map.of(LeadLifecycle.Variables.ACCEPT_OUTCOME, "ACCEPT"));
    incidents.check(Instant.now());

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(StuckLeadIncidents.INCIDENT_TYPE).count()).as("open stuckLead incidents").isZero();
  }
}
