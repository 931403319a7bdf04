package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadflow.LeadflowApplication;
import io.leadflow.intake.LeadIntake;
import io.leadflow.intake.NewLead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded database is the user's data: a restart keeps it and deploys nothing that has not changed. */
class RestartIT {

  @TempDir
  Path workDirectory;

  @Test
  void shouldKeepLeadsAndNotRedeployUnchangedModelsAcrossARestart() {
    UUID leadId;
    long deployments;
    long definitions;
    String processInstanceId;
    Stage stage;
    try (ConfigurableApplicationContext first = start()) {
      leadId = first.getBean(LeadIntake.class).capture(NewLead.of("margaret.hamilton@mit.example", "Margaret",
          "Hamilton", "MIT Instrumentation Lab", "Director", null, "US", "trade-show", "apollo-expo"), "mia");
      // scored and not ready: the lead waits in nurture
      LeadRepository leads = first.getBean(LeadRepository.class);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> leads.findById(leadId).orElseThrow().getStage() == Stage.NURTURE);
      stage = leads.findById(leadId).orElseThrow().getStage();
      RepositoryService repository = first.getBean(RepositoryService.class);
      deployments = repository.createDeploymentQuery().count();
      definitions = repository.createProcessDefinitionQuery().count()
          + repository.createDecisionDefinitionQuery().count();
      processInstanceId = first.getBean(RuntimeService.class).createProcessInstanceQuery()
          .processDefinitionKey("LeadLifecycle").processInstanceBusinessKey(leadId.toString()).singleResult().getId();
    }
    assertThat(deployments).isPositive();
    assertThat(Files.exists(workDirectory.resolve("postgres/postmaster.pid"))).isFalse();

    try (ConfigurableApplicationContext second = start()) {
      assertThat(second.getBean(LeadRepository.class).findById(leadId)).get()
          .extracting("stage").isEqualTo(stage);
      assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery()
          .processInstanceId(processInstanceId).count()).isOne();
      RepositoryService repository = second.getBean(RepositoryService.class);
      assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
      assertThat(repository.createProcessDefinitionQuery().count()
          + repository.createDecisionDefinitionQuery().count()).isEqualTo(definitions);
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("LeadLifecycle").latestVersion()
          .singleResult().getVersion()).isOne();
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(LeadflowApplication.class)
        .profiles("demo", "test")
        .run("--server.port=0",
            "--leadflow.embedded-postgres.data-directory=" + workDirectory.resolve("postgres"),
            "--leadflow.embedded-postgres.ephemeral=false",
            "--camunda.bpm.generate-unique-process-engine-name=true",
            "--camunda.bpm.generate-unique-process-application-name=true",
            // Camunda's webapps keep JVM-wide static state: a second set breaks those of the shared test context
            "--camunda.bpm.webapp.enabled=false");
  }
}
