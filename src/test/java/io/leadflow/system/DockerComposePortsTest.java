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
 * What docker/ publishes to the network, checked as configuration (DockerImageIT runs the composition where a Docker
 * engine answers): nothing but Leadflow by default, and Mailpit's UI, which shows every mail sent, only on this machine
 * and only when asked for. Where a docker CLI with Compose is installed, also as Compose itself reads and merges the
 * files.
 */
class DockerComposePortsTest {

  private static final Path DOCKER = Path.of("docker");
  private static final String COMPOSE = "docker-compose.yml";
  private static final String MAILPIT_UI = "mailpit-ui.yml";

  @Test
  void shouldPublishNothingButTheApplicationByDefault() throws IOException {
    Map<String, Map<String, Object>> services = services(COMPOSE);

    assertThat(services).containsKeys("leadflow", "postgres", "mailpit");
    assertThat(services).allSatisfy((name, service) -> {
      if (!name.equals("leadflow")) {
        assertThat(service).as(name).doesNotContainKeys("ports", "network_mode");
      }
    });
    assertThat(services.get("leadflow").get("ports")).asList().containsExactly("${LEADFLOW_PORT:-8080}:8080");
  }

  @Test
  void shouldPublishMailpitsUiOnThisMachineOnlyWhenAskedTo() throws IOException {
    Map<String, Map<String, Object>> services = services(MAILPIT_UI);

    assertThat(services).containsOnlyKeys("mailpit");
    assertThat(services.get("mailpit").get("ports")).asList()
        .containsExactly("127.0.0.1:${MAILPIT_PORT:-8025}:8025");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldPublishWhatComposeReadsFromTheFiles() throws InterruptedException {
    Assumptions.assumeTrue(dockerCompose("version").exitCode() == 0,
        "No docker CLI with Compose on this machine: the files' published ports are checked as configuration only");

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
    builder.environment().keySet().removeAll(List.of("LEADFLOW_PORT", "MAILPIT_PORT"));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Run(process.waitFor(), output);
    } catch (IOException noDocker) {
      return new Run(-1, noDocker.getMessage());
    }
  }
}
