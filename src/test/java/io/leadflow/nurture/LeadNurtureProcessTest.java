package io.leadflow.nurture;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.ProcessTest;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LifecycleDriver;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every path of bpmn/LeadNurture.bpmn, started on its own for a lead the lifecycle would nurture. */
@ProcessTest
class LeadNurtureProcessTest {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties coverageProperties() {
      return ProcessEngineCoverageProperties.builder()
          .excludeProcessDefinitionKeys("LeadLifecycle")
          .assertClassCoverageAtLeast(1.0)
          .build();
    }
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired LifecycleDriver driver;
  @Autowired LeadRepository leads;
  @Autowired LeadActivityRepository activities;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldKeepNurturingALeadWhoseEngagementIsNotEnoughAndEndWhenItQualifies() {
    UUID leadId = driver.notReady("nurture-loop@berg.example");
    ProcessInstance nurture = startNurture(leadId);

    engage(leadId, ActivityType.PAGE_VISIT);
    assertThat(nurture).hasPassed("Task_RescoreNurturedLead", "Task_RequalifyLead")
        .isWaitingAt("Gateway_WaitForEngagement");
    Assertions.assertThat(runtime.getVariable(nurture.getId(), "qualification")).isEqualTo("NURTURE");

    jdbc.update("update leadflow.lead set industry = 'SOFTWARE', company_size = 400, job_level = 'DECISION_MAKER' "
        + "where id = ?", leadId);
    engage(leadId, ActivityType.DEMO_REQUEST);

    assertThat(nurture).hasPassed("EndEvent_LeadRequalified").isEnded();
  }

  @Test
  void shouldEndNurturingOfALeadThatBecomesADisqualifiedOne() {
    UUID leadId = driver.notReady("nurture-student@berg.example");
    ProcessInstance nurture = startNurture(leadId);
    jdbc.update("update leadflow.lead set job_title = 'Student of economics' where id = ?", leadId);

    engage(leadId, ActivityType.CONTENT_DOWNLOAD);

    assertThat(nurture).hasPassed("EndEvent_NurturedLeadDisqualified").isEnded();
  }

  @Test
  void shouldEndNurturingAfterTheLongestPeriodWithoutEngagement() {
    ProcessInstance nurture = startNurture(driver.notReady("nurture-quiet@berg.example"));

    driver.waitFor(Duration.ofDays(179));
    assertThat(nurture).isWaitingAt("Gateway_WaitForEngagement");
    driver.waitFor(Duration.ofDays(2));

    assertThat(nurture).hasPassed("Event_NurturePeriodOver", "EndEvent_NurtureExpired").isEnded();
  }

  private ProcessInstance startNurture(UUID leadId) {
    driver.runDueJobs();
    // the lifecycle that captured the lead is not part of this test
    runtime.deleteProcessInstance(driver.instance(leadId).getId(), "nurture tested alone", true, true);
    return runtime.startProcessInstanceByKey("LeadNurture", leadId.toString(), Map.of("leadId", leadId.toString()));
  }

  private void engage(UUID leadId, ActivityType type) {
    Lead lead = leads.findById(leadId).orElseThrow();
    activities.save(new LeadActivity(UUID.randomUUID(), lead, type, LifecycleDriver.now(), "web"));
    runtime.createMessageCorrelation("NurturedLeadEngaged").processInstanceBusinessKey(leadId.toString())
        .correlate();
    driver.runDueJobs();
  }
}
