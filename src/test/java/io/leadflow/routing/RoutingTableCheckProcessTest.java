package io.leadflow.routing;

import static io.leadflow.routing.RoutingTableCheck.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.ProcessCoverage;
import io.leadflow.ProcessTest;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * bpmn/RoutingTableCheck.bpmn: a routing table deployed with a sales team nobody created shows in Cockpit, naming the
 * team, until the team exists.
 */
@ProcessTest
@ProcessCoverage(passedThrough = {"LeadLifecycle", "LeadNurture", "PrintedKit", "LeadProcessReview", "CrmLeadUpdate"})
class RoutingTableCheckProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired RoutedTeams routedTeams;
  @Autowired SalesOrganisation organisation;
  @Autowired SalesTeamRepository teams;

  private String deployment;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @AfterEach
  void cleanUp() {
    if (deployment != null) {
      repository.deleteDeployment(deployment, true);
    }
    teams.deleteById("sales-nordics");
    identity.deleteGroup("sales-nordics");
  }

  @Test
  void shouldShowATeamTheDeployedRoutingTableNamesUntilItIsCreated() throws Exception {
    String table = new String(getClass().getResourceAsStream("/dmn/LeadRouting.dmn").readAllBytes(),
        StandardCharsets.UTF_8).replace("\"sales-emea\"", "\"sales-nordics\"");

    // as a designer deploys it from Modeler: checked once the deployment has committed
    deployment = repository.createDeployment().addString("LeadRouting.dmn", table).deploy().getId();
    String version = repository.createDecisionDefinitionQuery().deploymentId(deployment).singleResult().getId();

    ProcessInstance check = runtime.createProcessInstanceQuery().processDefinitionKey(RoutingTableCheck.PROCESS_KEY)
        .processInstanceBusinessKey(version).singleResult();
    Assertions.assertThat(check).isNotNull();
    Job job = management.createJobQuery().processInstanceId(check.getId()).singleResult();
    Assertions.assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("sales-nordics");
    Incident incident = runtime.createIncidentQuery().processInstanceId(check.getId()).singleResult();
    Assertions.assertThat(incident.getActivityId()).isEqualTo(TASK_CHECK_ROUTED_TEAMS);
    Assertions.assertThat(incident.getIncidentMessage()).contains("sales-nordics").contains("marketing ops' review");
    // checking the same version again starts no second check
    routedTeams.check(version);
    Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(RoutingTableCheck.PROCESS_KEY)
        .count()).isOne();

    // the admin creates the team and retries the step in Cockpit
    organisation.saveTeam("sales-nordics", "Sales Nordics", ZoneId.of("Europe/Oslo"), LocalTime.of(8, 0),
        LocalTime.of(16, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), null, "max");
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());

    assertThat(check).hasPassed(START_ROUTING_TABLE_DEPLOYED, TASK_CHECK_ROUTED_TEAMS, END_ROUTED_TEAMS_EXIST)
        .isEnded();
  }

  @Test
  void shouldStartNoCheckForATableWhoseTeamsAllExist() {
    routedTeams.checkLatest();

    Assertions.assertThat(routedTeams.missing(repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(LeadAssignment.ROUTING_DECISION).latestVersion().singleResult().getId())).isEmpty();
    Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(RoutingTableCheck.PROCESS_KEY)
        .count()).isZero();
  }
}
