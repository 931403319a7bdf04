package io.leadflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import io.leadflow.fulfilment.PrintedKit;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LifecycleDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
  @Autowired StuckLeads stuck;

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
    String stage = makeStuck(leadId, "STUCK_TEST");

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

  @Test
  void shouldListAStuckLeadOnceAndFlagItsLifecycleNotItsPrintedKit() {
    // Given: a stuck lead with a printed kit on its way, which runs under the lead's id as business key too
    UUID leadId = driver.handRaiser("stuck-kit@quinn.example", "DE", "Kit", "Stuck");
    ProcessInstance lifecycle = driver.instance(leadId);
    driver.runDueJobs();
    runtime.createMessageCorrelation(PrintedKit.MESSAGE_PRINTED_KIT_ORDERED)
        .processInstanceBusinessKey(leadId.toString())
        .setVariable(PrintedKit.Variables.LEAD_ID, leadId.toString())
        .setVariable(PrintedKit.Variables.PRINTED_KIT_REASON, "Top-grade fit (A) in ENTERPRISE")
        .correlateStartMessage();
    driver.runDueJobs();
    makeStuck(leadId, "STUCK_KIT");

    // When
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<StuckLeads.StuckLead> found = stuck.find(new MetricsFilter(today.minusDays(365), today, null, null, null,
        null, null), Instant.now());
    incidents.check(Instant.now());

    // Then
    assertThat(found).filteredOn(lead -> lead.leadId().equals(leadId)).singleElement()
        .extracting(StuckLeads.StuckLead::processInstanceId).isEqualTo(lifecycle.getId());
    assertThat(runtime.createIncidentQuery().incidentType(StuckLeadIncidents.INCIDENT_TYPE).list())
        .extracting(Incident::getProcessInstanceId).containsExactly(lifecycle.getId());
  }

  /**
   * 20 leads of the segment, new to this test, left the lead's stage within a day; the lead entered it 10 days ago.
   * Returns the stage.
   */
  private String makeStuck(UUID leadId, String segment) {
    String stage = jdbc.queryForObject("select stage from leadflow.lead where id = ?", String.class, leadId);
    jdbc.update("update leadflow.lead set segment = ? where id = ?", segment, leadId);
    jdbc.update("update leadflow.lead_stage_change set changed_at = changed_at - interval '10 days' where lead_id = ?",
        leadId);
    FixedHistory history = new FixedHistory(jdbc);
    Instant start = Instant.now().minus(20, ChronoUnit.DAYS);
    for (int i = 0; i < 20; i++) {
      UUID earlier = history.lead(segment, null, null, "WEB", null, start.toString(), "WON");
      history.stage(earlier, null, stage, start.toString(), "system", null)
          .stage(earlier, stage, "LOST", start.plus(i + 1, ChronoUnit.HOURS).toString(), "system", null);
    }
    return stage;
  }
}
