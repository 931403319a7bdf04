package io.leadflow.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An SMTP server that answers RCPT TO with a fixed reply, for the refusals GreenMail does not make: a recipient
 * refused for good (550) or for now (451). Serves one connection at a time on a port of localhost.
 */
class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final Thread thread;

  /** On a free port. */
  ScriptedSmtpServer(String rcptReply) throws IOException {
    this(0, rcptReply);
  }

  ScriptedSmtpServer(int port, String rcptReply) throws IOException {
    socket = new ServerSocket();
    // the connections it closed wait on the port for a while: so that the next server can take the port at once
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
    thread = new Thread(() -> serve(rcptReply), "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve(String rcptReply) {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept();
          BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
              StandardCharsets.US_ASCII));
          PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
        reply(out, "220 scripted.example ESMTP");
        session:
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
          switch (command) {
            case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
            case "RCPT" -> reply(out, rcptReply);
            case "QUIT" -> {
              reply(out, "221 Bye");
              break session;
            }
            default -> reply(out, "502 Command not implemented");
          }
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void reply(PrintWriter out, String line) {
    out.print(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
