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

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException, SQLException {
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
        // stopped by Spring after everything that uses it, not by a JVM hook racing the shutdown
        .setRegisterShutdownHook(false)
        .start();
    createDatabaseIfMissing(postgres, properties.database());
    LOG.info("Embedded PostgreSQL listens on localhost:{} (database '{}', data in {})",
        postgres.getPort(), properties.database(), dataDirectory);
    return postgres;
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresProperties properties) {
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .url(postgres.getJdbcUrl("postgres", properties.database()))
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
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty()
        : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    if (server.isPresent() && server.get().isAlive()
        && server.get().info().command().map(command -> command.endsWith("postgres")).orElse(false)) {
      LOG.warn("Stopping the PostgreSQL server (pid {}) left running by a Leadflow that did not shut down",
          server.get().pid());
      server.get().destroy();
      server.get().onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
    }
  }
}
