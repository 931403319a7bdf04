package io.leadflow.reliability;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What several application processes share in these tests: a real PostgreSQL server and a real SMTP server, both
 * running in the test's JVM.
 */
public final class SharedInfrastructure implements AutoCloseable {

  public final EmbeddedPostgres postgres;
  public final GreenMail smtp;
  public final JdbcTemplate jdbc;

  /** Fast and forgetful, as tests want it: zonky's defaults turn fsync off. */
  public SharedInfrastructure() throws IOException {
    this(false);
  }

  /**
   * Durable when measuring: fsync and synchronous commit on, as the application's own embedded server runs, and
   * pg_stat_statements loaded so that a benchmark can count the statements its work cost.
   */
  public SharedInfrastructure(boolean durable) throws IOException {
    String on = durable ? "on" : "off";
    EmbeddedPostgres.Builder server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
        .setServerConfig("fsync", on).setServerConfig("synchronous_commit", on)
        .setServerConfig("full_page_writes", on);
    if (durable) {
      server.setServerConfig("shared_preload_libraries", "pg_stat_statements");
    }
    postgres = server.start();
    smtp = new PromptSmtp(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    DataSource dataSource = postgres.getPostgresDatabase();
    jdbc = new JdbcTemplate(dataSource);
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public int smtpPort() {
    return smtp.getSmtp().getPort();
  }

  /** How many mails went to the address with a subject that contains the text. */
  long mailsTo(String address, String subjectContaining) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> to(mail).contains(address))
        .filter(mail -> subject(mail).contains(subjectContaining)).count();
  }

  private static String to(MimeMessage mail) {
    try {
      return Arrays.toString(mail.getAllRecipients());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    smtp.stop();
    postgres.close();
  }

  /**
   * GreenMail sends each line of a multi-line reply (EHLO's) as a TCP segment of its own; with Nagle's algorithm on,
   * the second line waited for the client's delayed ACK, 40 ms on Linux, and every mail a node sent waited that long
   * for a reason no production mail server has. With TCP_NODELAY the benchmarks measure Leadflow, not that wait.
   */
  private static final class PromptSmtp extends GreenMail {

    PromptSmtp(ServerSetup setup) {
      super(setup);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
      Map<String, AbstractServer> services = new HashMap<>();
      services.put(ServerSetup.PROTOCOL_SMTP, new SmtpServer(config[0], managers) {
        @Override
        protected ProtocolHandler createProtocolHandler(Socket client) {
          try {
            client.setTcpNoDelay(true);
          } catch (SocketException e) {
            throw new UncheckedIOException(e);
          }
          return super.createProtocolHandler(client);
        }
      });
      return services;
    }
  }
}
