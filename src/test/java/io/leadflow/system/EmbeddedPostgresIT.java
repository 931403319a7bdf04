package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The embedded PostgreSQL holds the user's data: it listens on loopback only and lets nobody in without the password
 * it generated into its data directory, including a data directory an earlier Leadflow created with no password.
 */
class EmbeddedPostgresIT {

  @TempDir
  Path workDirectory;

  @Test
  void shouldAskForTheGeneratedPasswordAndListenOnLoopbackOnly() throws Exception {
    EmbeddedPostgresProperties properties = properties(workDirectory.resolve("postgres"));
    Path passwordFile = properties.dataDirectory().resolve("leadflow-password");

    try (EmbeddedPostgresConfiguration.EmbeddedServer server = start(properties)) {
      int port = server.postgres().getPort();

      assertThatThrownBy(() -> connect(port, null).close()).isInstanceOf(SQLException.class)
          .hasMessageContaining("password");
      assertThatThrownBy(() -> connect(port, "guessed").close()).isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      assertThat(passwordFile).isRegularFile();
      assertThat(Files.getPosixFilePermissions(passwordFile))
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      String password = Files.readString(passwordFile).trim();
      assertThat(password).hasSizeGreaterThanOrEqualTo(32);
      try (Connection connection = connect(port, password)) {
        assertThat(new JdbcTemplate(new SingleConnectionDataSource(connection, true))
            .queryForObject("show listen_addresses", String.class)).isEqualTo("localhost");
      }
      // the application's own pool logs in the same way
      try (HikariDataSource pool = dataSource(server, properties)) {
        assertThat(new JdbcTemplate(pool).queryForObject("select current_database()", String.class))
            .isEqualTo("leadflow");
      }
    }
  }

  @Test
  void shouldProtectADataDirectoryCreatedWithoutAPasswordAndKeepItsData() throws Exception {
    Path dataDirectory = workDirectory.resolve("postgres");
    // as earlier versions of Leadflow left it: initdb's trust authentication for every local connection
    try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false).start()) {
      JdbcTemplate jdbc = new JdbcTemplate(earlier.getPostgresDatabase());
      jdbc.execute("create database leadflow");
      new JdbcTemplate(earlier.getDatabase("postgres", "leadflow")).execute(
          "create table kept as select 'Ada Lovelace'::text as name");
    }
    EmbeddedPostgresProperties properties = properties(dataDirectory);

    for (int start = 1; start <= 2; start++) {
      try (EmbeddedPostgresConfiguration.EmbeddedServer server = start(properties)) {
        int port = server.postgres().getPort();
        assertThatThrownBy(() -> connect(port, null).close()).as("start %d", start)
            .isInstanceOf(SQLException.class).hasMessageContaining("password");
        try (HikariDataSource pool = dataSource(server, properties)) {
          assertThat(new JdbcTemplate(pool).queryForObject("select name from kept", String.class))
              .as("start %d", start).isEqualTo("Ada Lovelace");
        }
      }
    }
  }

  private static EmbeddedPostgresProperties properties(Path dataDirectory) {
    return new EmbeddedPostgresProperties(dataDirectory, 0, "leadflow", false, false);
  }

  private static EmbeddedPostgresConfiguration.EmbeddedServer start(EmbeddedPostgresProperties properties)
      throws Exception {
    return new EmbeddedPostgresConfiguration().embeddedPostgres(properties);
  }

  private static HikariDataSource dataSource(EmbeddedPostgresConfiguration.EmbeddedServer server,
      EmbeddedPostgresProperties properties) {
    return new EmbeddedPostgresConfiguration().dataSource(server, properties);
  }

  private static Connection connect(int port, String password) throws SQLException {
    String url = "jdbc:postgresql://localhost:" + port + "/leadflow?user=postgres";
    return password == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, "postgres",
        password);
  }
}
