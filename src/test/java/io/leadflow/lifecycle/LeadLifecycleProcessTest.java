package io.leadflow.lifecycle;

import static io.leadflow.lifecycle.LeadLifecycle.Elements.*;
import static io.leadflow.lifecycle.LeadLifecycle.Variables.*;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import io.leadflow.ProcessTest;
import org.assertj.core.api.Assertions;
import io.leadflow.intake.LeadIntake;
import io.leadflow.intake.NewLead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Stage;
import io.leadflow.lead.StageChange;
import io.leadflow.lead.StageChangeRepository;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@ProcessTest
class LeadLifecycleProcessTest {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties coverageProperties() {
      return ProcessEngineCoverageProperties.builder()
          .assertClassCoverageAtLeast(1.0)
          .build();
    }
  }

  @Autowired ProcessEngine engine;
  @Autowired LeadIntake intake;
  @Autowired LeadRepository leads;
  @Autowired StageChangeRepository history;
  @Autowired IdentityService identity;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @Test
  void shouldRecordInquiryAndWaitForAcceptanceWhenLeadIsReceived() {
    UUID leadId = captureLead("grace.hopper@navy.example");

    ProcessInstance instance = instanceOf(leadId);
    assertThat(instance).hasPassed(START_LEAD_RECEIVED).isWaitingAt(TASK_ACCEPT_LEAD);
    assertThat(task()).hasCandidateGroup("sales-emea").hasCandidateGroup("sales-americas");
    Assertions.assertThat(taskService().createTaskQuery().taskId(task().getId()).initializeFormKeys().singleResult()
        .getCamundaFormRef().getKey()).isEqualTo("Form_AcceptLead");
    Assertions.assertThat(taskService().getVariablesLocal(task().getId()))
        .containsEntry(LEAD_NAME, "Grace Hopper")
        .containsEntry(LEAD_COMPANY, "Navy Labs")
        .containsEntry(LEAD_SOURCE, "web-form · compiler-guide")
        .containsEntry(LEAD_STAGE, "INQUIRY");
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(leadId))
        .extracting(StageChange::getFromStage, StageChange::getToStage)
        .containsExactly(tuple(null, Stage.INQUIRY));
  }

  @Test
  void shouldEndAsSalesAcceptedWhenRepAcceptsLead() {
    UUID leadId = captureLead("katherine.johnson@nasa.example");
    ProcessInstance instance = instanceOf(leadId);

    completeAs("sam", task(instance).getId(), Map.of(ACCEPT_NOTE, "Spoke on the phone, budget approved"));

    assertThat(instance).hasPassed(TASK_ACCEPT_LEAD, END_LEAD_ACCEPTED).isEnded();
    Assertions.assertThat(leads.findById(leadId)).get().extracting("stage").isEqualTo(Stage.SAL);
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(leadId))
        .extracting(StageChange::getFromStage, StageChange::getToStage, StageChange::getChangedBy)
        .containsExactly(tuple(null, Stage.INQUIRY, "system"), tuple(Stage.INQUIRY, Stage.SAL, "sam"));
  }

  /** Completes a task as a logged-in user would, so the engine knows who did it. */
  private void completeAs(String userId, String taskId, Map<String, Object> variables) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      taskService().complete(taskId, variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private UUID captureLead(String email) {
    return intake.capture(new NewLead(email, "Grace", "Hopper", "Navy Labs", "Rear Admiral", "+1 202 555 0100",
        "US", "web-form", "compiler-guide"));
  }

  private ProcessInstance instanceOf(UUID leadId) {
    return runtimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(leadId.toString()).singleResult();
  }
}
