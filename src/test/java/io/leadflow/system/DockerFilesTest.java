package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs on the build machines; this checks what can be checked of docker/ without one. */
class DockerFilesTest {

  private static final Path DOCKER = Path.of("docker");

  @Test
  void shouldBuildWithTheWrapperAndRunAsNonRootWithAHealthcheck() throws IOException {
    List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));

    assertThat(lines).filteredOn(line -> line.startsWith("FROM ")).hasSize(2);
    assertThat(lines).anyMatch(line -> line.contains("./mvnw -B -DskipTests package"));
    assertThat(lines).filteredOn(line -> line.startsWith("USER "))
        .singleElement().satisfies(user -> assertThat(user).doesNotContain("root"));
    assertThat(String.join("\n", lines)).contains("HEALTHCHECK").contains("/actuator/health")
        // without it the JVM ignores the job threads' lower priority (JobThreadPriority)
        .contains("-XX:ThreadPriorityPolicy=1");
    // the paths the build copies exist in the repository
    for (String line : lines) {
      if (line.startsWith("COPY ") && !line.contains("--from")) {
        List<String> arguments = List.of(line.substring("COPY ".length()).trim().split("\\s+"));
        arguments.subList(0, arguments.size() - 1).forEach(source -> assertThat(Path.of(source)).exists());
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldComposeTheAppInProdModeWithPostgresAndMailpit() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("docker-compose.yml")));
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

    assertThat(services).containsKeys("postgres", "leadflow", "mailpit");
    assertThat((String) services.get("postgres").get("image")).matches("postgres:1[4-7]");
    Map<String, Object> app = services.get("leadflow");
    assertThat((Map<String, Object>) app.get("build")).containsEntry("dockerfile", "docker/Dockerfile");
    Map<String, String> environment = (Map<String, String>) app.get("environment");
    assertThat(environment)
        .containsEntry("SPRING_PROFILES_ACTIVE", "prod")
        .containsEntry("SPRING_MAIL_HOST", "mailpit")
        .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
    assertThat(environment.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
    assertThat(environment.get("LEADFLOW_ADMIN_USER")).contains(":?");
    assertThat(environment.get("LEADFLOW_ADMIN_PASSWORD")).contains(":?");
    assertThat(environment.get("LEADFLOW_UNSUBSCRIBE_SECRET")).contains(":?");
    assertThat((Map<String, Object>) app.get("depends_on")).containsKey("postgres");
  }
}
