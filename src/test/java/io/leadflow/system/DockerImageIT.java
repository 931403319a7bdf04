package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile and docker/docker-compose.yml as an operator uses them: the image builds from the repository with
 * the Maven wrapper, and the composition starts Leadflow in the prod profile on PostgreSQL with Mailpit, healthy by the
 * image's own health check, capturing a lead and mailing its acknowledgement, which Mailpit's UI
 * (docker/mailpit-ui.yml) shows on this machine only; PostgreSQL is published nowhere. Runs where a Docker engine answers; elsewhere it is
 * skipped, saying so (a docker client without an engine is not enough).
 */
class DockerImageIT {

  private static final Path COMPOSE_FILE = Path.of("docker", "docker-compose.yml");
  private static final Path MAILPIT_UI_FILE = Path.of("docker", "mailpit-ui.yml");
  private static final Path LOG = Path.of("target", "docker-image-it.log");
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "Docker-Check-42";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String project = "leadflow-it-" + UUID.randomUUID().toString().substring(0, 8);
  private int leadflowPort;
  private int mailpitPort;

  @BeforeEach
  void requireDockerEngine() throws IOException, InterruptedException {
    Run engine = docker(Duration.ofSeconds(30), "version", "--format", "{{.Server.Version}}");
    skipUnless(engine.ok(), "no Docker engine answers here, so docker/Dockerfile and docker/docker-compose.yml are "
        + "not built or started (docker version: " + engine.firstLine() + ")");
    Run compose = docker(Duration.ofSeconds(30), "compose", "version");
    skipUnless(compose.ok(), "Docker Compose v2 (docker compose) is not installed, so docker/docker-compose.yml is "
        + "not started (" + compose.firstLine() + ")");
    leadflowPort = freePort();
    mailpitPort = freePort();
  }

  /** Skipped with the reason in the build's output too, not only in the test report. */
  private static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("DockerImageIT skipped: " + reason);
    }
    Assumptions.assumeTrue(condition, reason);
  }

  @AfterEach
  void removeComposition() throws IOException, InterruptedException {
    if (leadflowPort != 0) {
      compose(Duration.ofMinutes(2), "down", "--volumes", "--rmi", "local");
    }
  }

  @Test
  void shouldBuildTheImageAndRunLeadflowHealthyOnPostgresWithMailpit() throws Exception {
    // --wait: until every service with a health check is healthy, Leadflow by the image's HEALTHCHECK
    Run up = compose(Duration.ofMinutes(20), "up", "--build", "--detach", "--wait", "--wait-timeout", "600");
    if (!up.ok()) {
      String logs = compose(Duration.ofMinutes(1), "logs", "--tail", "80", "leadflow").output();
      throw new AssertionError("docker compose up failed (see " + LOG.toAbsolutePath() + "):\n" + logs);
    }

    HttpResponse<String> health = get(leadflowPort, "/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");

    // the prod profile has no demo users: the administrator comes from the environment
    String email = "grace.hopper." + project + "@navy.example";
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(url(leadflowPort, "/api/leads"))
        .header("Authorization", basic(ADMIN, ADMIN_PASSWORD)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"email": "%s", "firstName": "Grace", "lastName": "Hopper", "company": "Navy Systems",
             "country": "US", "sourceChannel": "web-form", "requestType": "DEMO", "marketingConsent": true}"""
            .formatted(email))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    // the acknowledgement goes out through the job executor to the composition's mail server
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(get(mailpitPort, "/api/v1/messages").body()).contains(email));

    // published: Leadflow, and Mailpit's UI on the loopback interface only
    JsonNode services = services(compose(Duration.ofMinutes(1), "ps", "--format", "json").output());
    assertThat(publishedBy(services, "postgres")).isEmpty();
    assertThat(publishedBy(services, "mailpit")).isNotEmpty().allSatisfy(url -> assertThat(url).isEqualTo("127.0.0.1"));
    assertThat(publishedBy(services, "leadflow")).isNotEmpty();
  }

  /** {@code docker compose ps --format json}: one object per line (newer Compose) or one array. */
  private static JsonNode services(String json) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    String trimmed = json.strip();
    if (trimmed.startsWith("[")) {
      return mapper.readTree(trimmed);
    }
    ArrayNode services = mapper.createArrayNode();
    for (String line : trimmed.lines().filter(line -> line.startsWith("{")).toList()) {
      services.add(mapper.readTree(line));
    }
    return services;
  }

  /** The host addresses a service's ports are published on. */
  private static List<String> publishedBy(JsonNode services, String service) {
    List<String> addresses = new ArrayList<>();
    for (JsonNode container : services) {
      if (service.equals(container.path("Service").asText())) {
        container.path("Publishers").forEach(publisher -> {
          if (publisher.path("PublishedPort").asInt() != 0) {
            addresses.add(publisher.path("URL").asText());
          }
        });
      }
    }
    return addresses;
  }

  private Run compose(Duration timeout, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("compose", "--file", COMPOSE_FILE.toString(),
        "--file", MAILPIT_UI_FILE.toString(), "--project-name", project));
    command.addAll(List.of(arguments));
    return docker(timeout, command.toArray(String[]::new));
  }

  private Run docker(Duration timeout, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(arguments));
    Path output = null;
    try {
      Files.createDirectories(LOG.getParent());
      output = Files.createTempFile(LOG.getParent(), "docker-", ".out");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile());
      builder.environment().putAll(Map.of(
          "LEADFLOW_ADMIN_USER", ADMIN,
          "LEADFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD,
          "LEADFLOW_UNSUBSCRIBE_SECRET", Base64.getEncoder().encodeToString(
              (UUID.randomUUID() + "-" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII)),
          "LEADFLOW_PORT", String.valueOf(leadflowPort),
          "MAILPIT_PORT", String.valueOf(mailpitPort)));
      Process process = builder.start();
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor();
      }
      String text = Files.readString(output);
      Files.writeString(LOG, "$ " + String.join(" ", command) + "\n" + text, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new Run(ended && process.exitValue() == 0, text);
    } catch (IOException noDocker) {
      return new Run(false, noDocker.getMessage());
    } finally {
      if (output != null) {
        Files.deleteIfExists(output);
      }
    }
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(url(port, path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI url(int port, String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private record Run(boolean ok, String output) {

    String firstLine() {
      return output.isBlank() ? "no output" : output.strip().lines().findFirst().orElseThrow();
    }
  }
}
