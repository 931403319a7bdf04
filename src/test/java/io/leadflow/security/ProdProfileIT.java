package io.leadflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import io.leadflow.LeadflowApplication;
import io.leadflow.system.Groups;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile seeds no demo data and takes its administrator, its unsubscribe secret and its mail server from the
 * environment, or does not start. Only the demo profile has the documented demo credentials: any other profile
 * without its own does not start either.
 */
class ProdProfileIT {

  private static final String ADMIN_USER = "--leadflow.admin.username=operator";
  private static final String ADMIN_PASSWORD = "--leadflow.admin.password=Str0ng-and-l0ng";
  private static final String UNSUBSCRIBE_SECRET =
      "--leadflow.mail.unsubscribe-secret=a-production-secret-of-at-least-32-characters";
  // nothing connects to it while the application starts
  private static final String MAIL_SERVER = "--spring.mail.host=127.0.0.1";

  @TempDir
  Path workDirectory;

  @Test
  void shouldRefuseToStartWithoutAdministratorCredentials() {
    assertThatThrownBy(() -> start(UNSUBSCRIBE_SECRET, MAIL_SERVER).close())
        .hasStackTraceContaining("LEADFLOW_ADMIN_USER")
        .hasStackTraceContaining("LEADFLOW_ADMIN_PASSWORD");
  }

  @Test
  void shouldRefuseToStartWithoutTheUnsubscribeSecret() {
    assertThatThrownBy(() -> start(ADMIN_USER, ADMIN_PASSWORD, MAIL_SERVER).close())
        .hasStackTraceContaining("leadflow.mail.unsubscribeSecret")
        .hasStackTraceContaining("is required: set LEADFLOW_UNSUBSCRIBE_SECRET");
  }

  @Test
  void shouldRefuseToStartWithoutAMailServer() {
    assertThatThrownBy(() -> start(ADMIN_USER, ADMIN_PASSWORD, UNSUBSCRIBE_SECRET).close())
        .hasStackTraceContaining("No mail server is configured: set SPRING_MAIL_HOST");
  }

  @Test
  void shouldRefuseToStartAProfileOtherThanDemoWithoutAnAdministratorPassword() {
    assertThatThrownBy(() -> startAs("staging", UNSUBSCRIBE_SECRET, MAIL_SERVER).close())
        .hasStackTraceContaining("leadflow.admin.password")
        .hasStackTraceContaining("is required: set LEADFLOW_ADMIN_PASSWORD");
  }

  @Test
  void shouldRefuseToStartAProfileOtherThanDemoWithoutAnUnsubscribeSecret() {
    assertThatThrownBy(() -> startAs("staging", ADMIN_PASSWORD, MAIL_SERVER).close())
        .hasStackTraceContaining("leadflow.mail.unsubscribeSecret")
        .hasStackTraceContaining("is required: set LEADFLOW_UNSUBSCRIBE_SECRET");
  }

  @Test
  void shouldCreateOnlyTheAdministratorFromTheEnvironment() {
    try (ConfigurableApplicationContext context = start(ADMIN_USER, ADMIN_PASSWORD, UNSUBSCRIBE_SECRET, MAIL_SERVER)) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("operator");
      assertThat(identity.checkPassword("operator", "Str0ng-and-l0ng")).isTrue();
      assertThat(identity.createUserQuery().memberOfGroup(Groups.ADMINS).count()).isOne();
      // mail goes to the configured server, never to the demo mail catcher
      assertThat(context.getBeansOfType(GreenMail.class)).isEmpty();
    }
  }

  private ConfigurableApplicationContext start(String... extra) {
    return startAs("prod", extra);
  }

  private ConfigurableApplicationContext startAs(String profile, String... extra) {
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=0",
        "--leadflow.embedded-postgres.data-directory=" + workDirectory.resolve("postgres"),
        "--leadflow.embedded-postgres.durable=false",
        "--leadflow.embedded-postgres.ephemeral=true",
        "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.generate-unique-process-application-name=true",
        // Camunda's webapps keep JVM-wide static state: a second set breaks those of the shared test context
        "--camunda.bpm.webapp.enabled=false"));
    arguments.addAll(List.of(extra));
    return new SpringApplicationBuilder(LeadflowApplication.class)
        .profiles(profile)
        .run(arguments.toArray(String[]::new));
  }
}
