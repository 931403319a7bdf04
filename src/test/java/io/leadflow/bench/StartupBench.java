package io.leadflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.reliability.PackagedApp;
import io.leadflow.reliability.SharedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start-up of a production node (prod profile) on an empty database, three ways: {@code java -jar} on the packaged jar; extracted, as the
 * Docker image runs it; extracted with a class-data-sharing (CDS) archive that a training run wrote.
 */
class StartupBench {

  private static final int ROUNDS = Load.intProperty("bench.rounds", 2);

  @Test
  void startUpFromTheJarExtractedAndWithAClassDataSharingArchive() throws Exception {
    Figures figures = new Figures("startup");
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    try (SharedInfrastructure shared = new SharedInfrastructure(true)) {
      Path archive = Path.of("target", "bench", "leadflow.jsa").toAbsolutePath();
      Files.createDirectories(archive.getParent());
      Files.deleteIfExists(archive);
      // the training run refreshes the context, then exits and writes every class it loaded to the archive
      try (PackagedApp training = node(shared, "startup-training").extracted()
          .jvmOption("-XX:ArchiveClassesAtExit=" + archive).jvmOption("-Dspring.context.exit=onRefresh")) {
        training.start().awaitExit(Duration.ofMinutes(3));
      }
      assertThat(archive).as("class-data-sharing archive of the training run").exists();

      for (int round = 1; round <= ROUNDS; round++) {
        measure(seconds, "java -jar", node(shared, "startup-jar-" + round));
        measure(seconds, "extracted, as the Docker image", node(shared, "startup-extracted-" + round).extracted());
        measure(seconds, "extracted, with the CDS archive", node(shared, "startup-cds-" + round).extracted()
            .jvmOption("-XX:SharedArchiveFile=" + archive));
      }
    }
    seconds.forEach((way, values) -> figures.atMost("start-up to healthy, " + way,
        values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), "s", 15));
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("rounds", ROUNDS + " (each figure is their mean)");
    setup.put("database", "embedded PostgreSQL 17 in the benchmark's JVM, an empty database for every start");
    setup.put("node", "packaged application, -Xmx512m, prod profile");
    figures.report(setup);
  }

  /** A node of the prod profile, as a deployment runs it (no demo data), on a database of its own, created empty. */
  private static PackagedApp node(SharedInfrastructure shared, String name) {
    String database = name.replace('-', '_');
    shared.jdbc.execute("create database " + database);
    return PackagedApp.node(name, shared.postgres.getJdbcUrl("postgres", database), shared.smtpPort())
        .with("SPRING_PROFILES_ACTIVE", "prod")
        .with("LEADFLOW_ADMIN_USER", "operator")
        .with("LEADFLOW_ADMIN_PASSWORD", "Str0ng-and-l0ng")
        .with("LEADFLOW_UNSUBSCRIBE_SECRET", "a-benchmark-secret-of-at-least-32-characters");
  }

  private static void measure(Map<String, List<Double>> seconds, String way, PackagedApp node) throws Exception {
    try (node) {
      long start = System.nanoTime();
      node.start().awaitHealthy(Duration.ofMinutes(3));
      seconds.computeIfAbsent(way, key -> new ArrayList<>()).add((System.nanoTime() - start) / 1e9);
    }
  }
}
