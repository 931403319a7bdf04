package io.leadflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.LeadflowApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The prod profile seeds no demo data and takes its administrator from the environment, or does not start. */
class ProdProfileIT {

  @TempDir
  Path workDirectory;

  @Test
  void shouldRefuseToStartWithoutAdministratorCredentials() {
    assertThatThrownBy(() -> start().close())
        .hasStackTraceContaining("LEADFLOW_ADMIN_USER")
        .hasStackTraceContaining("LEADFLOW_ADMIN_PASSWORD");
  }

  @Test
  void shouldCreateOnlyTheAdministratorFromTheEnvironment() {
    try (ConfigurableApplicationContext context = start(
        "--leadflow.admin.username=operator", "--leadflow.admin.password=Str0ng-and-l0ng")) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("operator");
      assertThat(identity.checkPassword("operator", "Str0ng-and-l0ng")).isTrue();
      assertThat(identity.createUserQuery().memberOfGroup(Groups.ADMINS).count()).isOne();
    }
  }

  private ConfigurableApplicationContext start(String... extra) {
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=0",
        "--leadflow.embedded-postgres.data-directory=" + workDirectory.resolve("postgres"),
        "--leadflow.embedded-postgres.durable=false",
        "--leadflow.embedded-postgres.ephemeral=true",
        "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.generate-unique-process-application-name=true"));
    arguments.addAll(List.of(extra));
    return new SpringApplicationBuilder(LeadflowApplication.class)
        .profiles("prod")
        .run(arguments.toArray(String[]::new));
  }
}
