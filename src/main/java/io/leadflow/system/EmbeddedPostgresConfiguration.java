package io.leadflow.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL 17 (zonky's packaged binaries: no install, no Docker) when no external database is
 * configured, so that a fresh clone runs with {@code ./mvnw spring-boot:run}. Setting {@code spring.datasource.url}
 * switches this off entirely.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
  private static final String LOCK_FILE = "epg-lock";

  /**
   * The server, stopped by Spring after everything that uses it. zonky's close asks PostgreSQL to stop and waits 5 s at
   * most; its shutdown checkpoint can take longer on a busy machine, so the server is waited for until it has exited:
   * a stopped Leadflow leaves no PostgreSQL behind.
   */
  record EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) implements AutoCloseable {

    @Override
    public void close() throws IOException {
      Optional<ProcessHandle> server = postmaster(dataDirectory);
      postgres.close();
      server.ifPresent(EmbeddedPostgresConfiguration::awaitExit);
    }
  }

  @Bean
  EmbeddedServer embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException, SQLException {
    Path dataDirectory = properties.dataDirectory().toAbsolutePath();
    Files.createDirectories(dataDirectory);
    stopOrphanedServer(dataDirectory);
    String durable = properties.durable() ? "on" : "off";
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(properties.ephemeral())
        .setPort(properties.port())
        // zonky starts the server with fsync off; the application's data must survive a power cut
        .setServerConfig("fsync", durable)
        .setServerConfig("synchronous_commit", durable)
        .setServerConfig("full_page_writes", durable)
        .setServerConfig("max_connections", "100")
        .setPGStartupWait(Duration.ofSeconds(60))
        // stopped by Spring (EmbeddedServer), not by a JVM hook racing the shutdown
        .setRegisterShutdownHook(false)
        .start();
    createDatabaseIfMissing(postgres, properties.database());
    LOG.info("Embedded PostgreSQL listens on localhost:{} (database '{}', data in {})",
        postgres.getPort(), properties.database(), dataDirectory);
    return new EmbeddedServer(postgres, dataDirectory);
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedServer server, EmbeddedPostgresProperties properties) {
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .url(server.postgres().getJdbcUrl("postgres", properties.database()))
        .username("postgres")
        .build();
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws SQLException {
    DataSource admin = postgres.getPostgresDatabase();
    try (Connection connection = admin.getConnection();
        var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      check.setString(1, database);
      try (var rows = check.executeQuery()) {
        if (!rows.next()) {
          try (var create = connection.createStatement()) {
            create.execute("create database \"" + database.replace("\"", "") + "\"");
          }
        }
      }
    }
  }

  /**
   * A Leadflow killed with SIGKILL leaves its PostgreSQL running, which would keep the next start from using the
   * directory. The lock file tells a dead owner from a live one: only when nobody holds it is the server an orphan.
   */
  private static void stopOrphanedServer(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try (RandomAccessFile lockFile = new RandomAccessFile(dataDirectory.resolve(LOCK_FILE).toFile(), "rw");
        FileLock lock = lockFile.getChannel().tryLock()) {
      if (lock == null) {
        throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDirectory
            + " is in use by another running Leadflow; stop it or set leadflow.embedded-postgres.data-directory");
      }
    }
    Optional<ProcessHandle> server = postmaster(dataDirectory);
    if (server.isPresent()) {
      LOG.warn("Stopping the PostgreSQL server (pid {}) left running by a Leadflow that did not shut down",
          server.get().pid());
      server.get().destroy();
      awaitExit(server.get());
    }
  }

  /** The PostgreSQL server running on the data directory, if one is. */
  private static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
    return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
        .filter(server -> server.isAlive()
            && server.info().command().map(command -> command.endsWith("postgres")).orElse(false));
  }

  private static void awaitExit(ProcessHandle server) {
    try {
      server.onExit().get(60, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException stillRunning) {
      throw new IllegalStateException("The embedded PostgreSQL server (pid " + server.pid()
          + ") has not exited a minute after it was told to stop; stop it before starting Leadflow again",
          stillRunning);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the embedded PostgreSQL server (pid "
          + server.pid() + ") to exit", e);
    }
  }
}
