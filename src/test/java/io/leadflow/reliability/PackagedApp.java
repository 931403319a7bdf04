package io.leadflow.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The application as it is shipped: the packaged jar started as a separate Java process (what a node in production
 * is), so that a test can kill it with SIGKILL or run two of them on one database.
 */
public final class PackagedApp implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Map<String, String> environment;
  private final Path log;
  private final List<String> jvmOptions = new ArrayList<>();
  private Path launch;
  private Process process;

  private PackagedApp(String name, Map<String, String> environment) {
    this.name = name;
    this.port = freePort();
    this.environment = environment;
    this.log = Path.of("target", "reliability", name + ".log");
  }

  /**
   * A node of the demo profile on the given PostgreSQL, sending mail to the given SMTP port; its
   * engine host name is the node's name, so the job log tells which node ran a job.
   */
  public static PackagedApp node(String name, String jdbcUrl, int smtpPort) {
    Map<String, String> environment = new HashMap<>();
    environment.put("SPRING_PROFILES_ACTIVE", "demo");
    environment.put("SPRING_DATASOURCE_URL", jdbcUrl);
    environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
    environment.put("SPRING_DATASOURCE_PASSWORD", "");
    environment.put("SPRING_MAIL_HOST", "127.0.0.1");
    environment.put("SPRING_MAIL_PORT", String.valueOf(smtpPort));
    // jobs a killed node had locked are free again after the lock time (5 minutes by default)
    environment.put("CAMUNDA_BPM_JOB_EXECUTION_LOCK_TIME_IN_MILLIS", "10000");
    return new PackagedApp(name, environment);
  }

  /**
   * Starts the application extracted from the jar (unpacked libraries beside a thin jar), as the Docker image runs it,
   * instead of with {@code java -jar} on the packaged jar.
   */
  public PackagedApp extracted() throws IOException, InterruptedException {
    launch = extractedJar();
    return this;
  }

  /** A JVM option of the node, e.g. {@code -XX:SharedArchiveFile=...}. */
  public PackagedApp jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** An environment variable of the node, e.g. a setting such as {@code LEADFLOW_DEMO_HISTORY_LEADS}. */
  public PackagedApp with(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public PackagedApp start() throws IOException {
    Files.createDirectories(log.getParent());
    // as the Docker image starts it: job threads below the request threads (JobThreadPriority)
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:ThreadPriorityPolicy=1"));
    command.addAll(jvmOptions);
    // -Dbench.profile=<folder>: a JFR profile of the node, to see where its CPU goes under a benchmark's load
    String profile = System.getProperty("bench.profile");
    if (profile != null) {
      // JFR keeps 64 frames by default: a request's stack through Spring Security, Spring MVC and the engine is
      // deeper, and its bottom frames (which endpoint, which step) would be lost
      command.add("-XX:FlightRecorderOptions:stackdepth=1024");
      command.add("-XX:StartFlightRecording=settings=profile,filename="
          + Path.of(profile, name + ".jfr").toAbsolutePath());
    }
    command.addAll(List.of("-jar", (launch != null ? launch : jar()).toString(), "--server.port=" + port,
        "--camunda.bpm.generic-properties.properties.hostname=" + name));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    return this;
  }

  /** Waits until the node answers its health check, or fails naming its log. */
  public PackagedApp awaitHealthy(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (healthy()) {
        return this;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + log.toAbsolutePath());
  }

  /**
   * Waits until the node answers its health check for as long as it is visibly starting: alive, and using CPU or
   * writing its log. A start made slow by a busy machine is waited for (up to the limit); a node that dies, or hangs
   * for the stall time, fails at once, naming its log.
   */
  public PackagedApp awaitHealthyWhileStarting(Duration stall, Duration limit) throws InterruptedException {
    WhileProgressing.await(name + " getting healthy (see " + log.toAbsolutePath() + ")", this::healthy,
        this::activity, stall, limit);
    return this;
  }

  private boolean healthy() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " stopped while starting; see " + log.toAbsolutePath());
    }
    try {
      HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 200 && health.body().contains("UP");
    } catch (IOException notYet) {
      // not listening yet
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    }
  }

  /** Whole seconds of CPU the process used and the length of its log: both stand still when it hangs. */
  private String activity() {
    long cpuSeconds = process.toHandle().info().totalCpuDuration().map(Duration::toSeconds).orElse(-1L);
    long logged;
    try {
      logged = Files.size(log);
    } catch (IOException unreadable) {
      logged = -1;
    }
    return cpuSeconds + " s of CPU, " + logged + " bytes of log";
  }

  /** Waits until the process ends by itself, as a training run does; fails naming its log if it does not. */
  public void awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(name + " did not end within " + timeout + "; see " + log.toAbsolutePath());
    }
  }

  /** Kills the process as a crash would: SIGKILL, no shutdown hooks, nothing flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public String name() {
    return name;
  }

  /** The operating system's id of the node's process, to read its memory or run {@code jcmd} on it. */
  public long pid() {
    return process.pid();
  }

  static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(path -> path.getFileName().toString().matches("leadflow-.*\\.jar"))
          .filter(path -> !path.getFileName().toString().endsWith("-plain.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No packaged application in target/: run ./mvnw verify"));
    }
  }

  /** The packaged jar extracted once to target/app, as the Dockerfile does (Spring Boot's jar tools mode). */
  private static synchronized Path extractedJar() throws IOException, InterruptedException {
    Path jar = jar();
    Path folder = Path.of("target", "app");
    Path extracted = folder.resolve(jar.getFileName());
    if (!Files.exists(extracted)
        || Files.getLastModifiedTime(extracted).compareTo(Files.getLastModifiedTime(jar)) < 0) {
      Process extract = new ProcessBuilder(javaBinary(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
          "--force", "--destination", folder.toString()).inheritIO().start();
      if (extract.waitFor() != 0) {
        throw new IllegalStateException("Extracting " + jar + " failed with exit code " + extract.exitValue());
      }
    }
    return extracted;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
