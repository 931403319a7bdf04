package io.leadflow;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SMTP server of the process tests: a real one (GreenMail) on localhost, started once per test JVM and wired into
 * every process test context ({@link ProcessTestServers}). A test may take it down and bring it back on the same port
 * (a mail server outage), or lend its port to another server for a while (refusals GreenMail does not make).
 */
public final class TestSmtpServer {

  // below Linux's ephemeral range (32768 and up), so that no outgoing connection takes the port while it is down
  private static final int PORT = freePortBelow(32768);
  private static GreenMail server;

  private TestSmtpServer() {
  }

  public static int port() {
    return PORT;
  }

  /** The server, started if it is not running. */
  public static synchronized GreenMail running() {
    if (server == null) {
      ServerSetup smtp = new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
      // two seconds by default, which a loaded build machine can take to start a thread
      smtp.setServerStartupTimeout(30_000);
      server = new GreenMail(smtp).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
      server.start();
    }
    return server;
  }

  /** Stops the server; nothing listens on its port until {@link #running()} starts it again, empty. */
  public static synchronized void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  public static synchronized boolean isRunning() {
    return server != null;
  }

  private static int freePortBelow(int limit) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int candidate = ThreadLocalRandom.current().nextInt(20000, limit);
      try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
        return candidate;
      } catch (IOException taken) {
        // another one
      }
    }
    throw new IllegalStateException("No free port between 20000 and " + limit + " for the test SMTP server");
  }
}
