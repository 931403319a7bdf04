package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs on the build machines; this checks what can be checked of docker/ without one: the files'
 * structure as configuration, and, where the docker CLI is installed, what Compose itself makes of them.
 */
class DockerFilesTest {

  private static final Path DOCKER = Path.of("docker");
  private static final String COMPOSE = "docker-compose.yml";
  private static final String MAILPIT_UI = "mailpit-ui.yml";

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

  @Test
  void shouldPublishNothingButTheApplicationByDefault() throws IOException {
    Map<String, Map<String, Object>> services = services(COMPOSE);

    assertThat(services).allSatisfy((name, service) -> {
      if (!name.equals("leadflow")) {
        assertThat(service).as(name).doesNotContainKeys("ports", "network_mode");
      }
    });
    assertThat(services.get("leadflow").get("ports")).asList().containsExactly("8080:8080");
  }

  @Test
  void shouldPublishMailpitsUiOnThisMachineOnlyWhenAskedTo() throws IOException {
    Map<String, Map<String, Object>> services = services(MAILPIT_UI);

    assertThat(services).containsOnlyKeys("mailpit");
    assertThat(services.get("mailpit").get("ports")).asList().containsExactly("127.0.0.1:8025:8025");
  }

  /** Compose's own reading of the files, merged as {@code docker compose -f ... -f ...} merges them. */
  @Test
  @SuppressWarnings("unchecked")
  void shouldPublishWhatComposeReadsFromTheFiles() throws Exception {
    Assumptions.assumeTrue(dockerCompose("version").exitCode() == 0,
        "No docker CLI with the compose plugin on this machine: only the files' structure is checked");

    Map<String, Map<String, Object>> plain = (Map<String, Map<String, Object>>) new Yaml()
        .<Map<String, Object>>load(config(COMPOSE)).get("services");
    Map<String, Map<String, Object>> withUi = (Map<String, Map<String, Object>>) new Yaml()
        .<Map<String, Object>>load(config(COMPOSE, MAILPIT_UI)).get("services");

    assertThat(plain).allSatisfy((name, service) -> assertThat(service.containsKey("ports"))
        .as(name).isEqualTo(name.equals("leadflow")));
    assertThat((List<Map<String, Object>>) withUi.get("mailpit").get("ports")).singleElement()
        .satisfies(port -> assertThat(port).containsEntry("host_ip", "127.0.0.1").containsEntry("published", "8025"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(String file) throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve(file)));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  private static String config(String... files) throws InterruptedException {
    List<String> arguments = new ArrayList<>();
    for (String file : files) {
      arguments.addAll(List.of("-f", file));
    }
    arguments.add("config");
    Run compose = dockerCompose(arguments.toArray(String[]::new));
    assertThat(compose.exitCode()).as(compose.output()).isZero();
    return compose.output();
  }

  private record Run(int exitCode, String output) {
  }

  /** {@code docker compose} in docker/, with the variables the files require; exit code -1 without a docker CLI. */
  private static Run dockerCompose(String... arguments) throws InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker", "compose"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(DOCKER.toFile()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("LEADFLOW_ADMIN_USER", "admin", "LEADFLOW_ADMIN_PASSWORD", "Str0ng-and-l0ng",
        "LEADFLOW_UNSUBSCRIBE_SECRET", "a-production-secret-of-at-least-32-characters"));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Run(process.waitFor(), output);
    } catch (IOException noDocker) {
      return new Run(-1, noDocker.getMessage());
    }
  }
}
