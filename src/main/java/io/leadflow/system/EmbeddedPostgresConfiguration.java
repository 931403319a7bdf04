package io.leadflow.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
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
import org.springframework.core.NestedExceptionUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL 17 (zonky's packaged binaries: no install, no Docker) when no external database is
 * configured, so that a fresh clone runs with {@code ./mvnw spring-boot:run}. Setting {@code spring.datasource.url}
 * switches this off entirely.
 * <p>
 * The server listens on loopback only, and every connection, TCP or Unix socket, logs in with a password generated
 * into the data directory ({@value #PASSWORD_FILE}, readable by its owner only): another user or program on the same
 * machine cannot read or change the leads. A data directory made by an earlier Leadflow, which trusted every local
 * connection, gets its password at its next start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

  static final String PASSWORD_FILE = "leadflow-password";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
  private static final String LOCK_FILE = "epg-lock";
  private static final String SUPERUSER = "postgres";
  private static final String PASSWORD_AUTHENTICATION = "scram-sha-256";
  private static final String HBA = """
      # Leadflow's embedded PostgreSQL: every connection logs in with the password in %s
      local   all          all                  %s
      host    all          all   127.0.0.1/32   %s
      host    all          all   ::1/128        %s
      local   replication  all                  %s
      host    replication  all   127.0.0.1/32   %s
      host    replication  all   ::1/128        %s
      """.formatted(PASSWORD_FILE, PASSWORD_AUTHENTICATION, PASSWORD_AUTHENTICATION, PASSWORD_AUTHENTICATION,
      PASSWORD_AUTHENTICATION, PASSWORD_AUTHENTICATION, PASSWORD_AUTHENTICATION);

  /**
   * The server, stopped by Spring after everything that uses it. zonky's close asks PostgreSQL to stop and waits 5 s at
   * most; its shutdown checkpoint can take longer on a busy machine, so the server is waited for until it has exited:
   * a stopped Leadflow leaves no PostgreSQL behind.
   */
  record EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory, String password) implements AutoCloseable {

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
    // zonky runs initdb for a new data directory, and for every start of an ephemeral one
    boolean created = properties.ephemeral() || !Files.exists(dataDirectory.resolve("postgresql.conf"));
    Path passwordFile = dataDirectory.resolve(PASSWORD_FILE);
    String password = created || !Files.exists(passwordFile) ? generatePassword()
        : Files.readString(passwordFile).trim();
    // initdb wants the password in a file and an empty data directory: the file waits beside it until then
    Path initialPassword = created ? writeSecret(dataDirectory.resolveSibling(
        dataDirectory.getFileName() + "." + PASSWORD_FILE), password) : null;
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(properties.ephemeral())
        .setPort(properties.port())
        .setServerConfig("listen_addresses", "localhost")
        // zonky starts the server with fsync off; the application's data must survive a power cut
        .setServerConfig("fsync", durable)
        .setServerConfig("synchronous_commit", durable)
        .setServerConfig("full_page_writes", durable)
        .setServerConfig("max_connections", "100")
        .setConnectConfig("password", password)
        .setPGStartupWait(Duration.ofSeconds(60))
        // stopped by Spring (EmbeddedServer), not by a JVM hook racing the shutdown
        .setRegisterShutdownHook(false);
    if (created) {
      // initdb's options after zonky's "-A trust": the later ones win, so no connection is ever trusted
      builder.setLocaleConfig("pwfile", initialPassword.toString())
          .setLocaleConfig("auth-local", PASSWORD_AUTHENTICATION)
          .setLocaleConfig("auth-host", PASSWORD_AUTHENTICATION)
          .setDataDirectoryCustomizer(directory -> moveInto(initialPassword, passwordFile));
    }
    EmbeddedPostgres postgres;
    try {
      postgres = builder.start();
    } catch (IOException failed) {
      if (String.valueOf(NestedExceptionUtils.getMostSpecificCause(failed).getMessage())
          .contains("password authentication failed")) {
        throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory + " refused the password in "
            + passwordFile + "; put the password of its user '" + SUPERUSER + "' into that file", failed);
      }
      throw failed;
    } finally {
      if (initialPassword != null) {
        Files.deleteIfExists(initialPassword);
      }
    }
    try {
      requirePassword(postgres, dataDirectory, password);
      createDatabaseIfMissing(postgres, properties.database());
    } catch (IOException | SQLException | RuntimeException failed) {
      postgres.close();
      throw failed;
    }
    LOG.info("Embedded PostgreSQL listens on localhost:{} (database '{}', user '{}', password in {})",
        postgres.getPort(), properties.database(), SUPERUSER, passwordFile);
    return new EmbeddedServer(postgres, dataDirectory, password);
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedServer server, EmbeddedPostgresProperties properties) {
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .url(server.postgres().getJdbcUrl(SUPERUSER, properties.database()))
        .username(SUPERUSER)
        .password(server.password())
        .build();
  }

  /**
   * A data directory of an earlier Leadflow trusts every local connection: its superuser gets the password, kept in
   * the data directory before the server is told, and the server then asks every connection for it. Checked at every
   * start, so that a start that stopped half-way finishes the change at the next.
   */
  private static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password)
      throws IOException, SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      try (var trusted = statement.executeQuery("select count(*) from pg_hba_file_rules where auth_method = 'trust'")) {
        trusted.next();
        if (trusted.getInt(1) == 0) {
          return;
        }
      }
      Path passwordFile = dataDirectory.resolve(PASSWORD_FILE);
      if (!Files.exists(passwordFile)) {
        moveInto(writeSecret(dataDirectory.resolve(PASSWORD_FILE + ".new"), password), passwordFile);
      }
      // a generated password is URL-safe Base64: nothing in it needs quoting
      statement.execute("alter role " + SUPERUSER + " password '" + password + "'");
      Path hba = dataDirectory.resolve("pg_hba.conf");
      Files.writeString(hba, HBA);
      statement.execute("select pg_reload_conf()");
      LOG.warn("The embedded PostgreSQL in {} trusted every local connection (made by an earlier Leadflow); it now "
          + "asks for the password in {}", dataDirectory, passwordFile);
    }
  }

  private static String generatePassword() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** Writes a file only its owner can read, created so from the start (where the file system has POSIX rights). */
  private static Path writeSecret(Path file, String secret) throws IOException {
    Files.deleteIfExists(file);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, secret + System.lineSeparator());
    return file;
  }

  private static void moveInto(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException failed) {
      throw new UncheckedIOException("Could not keep the embedded PostgreSQL's password in " + to, failed);
    }
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
