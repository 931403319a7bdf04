package io.leadflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.system.Groups;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Failed logins are throttled at every door, per user and address, answering 429 with Retry-After; the user is never
 * locked out for good, nor from another address. Each test has a user of its own (the demo users are shared) and
 * knocks from loopback addresses other than 127.0.0.1, which the other tests use.
 */
@LeadflowIntegrationTest
class LoginThrottleIT {

  private static final String PASSWORD = "Slow-Down-2026!";

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  private String user;

  @BeforeEach
  void createUser() {
    user = "throttled" + UUID.randomUUID().toString().substring(0, 8);
    User created = identity.newUser(user);
    created.setFirstName("Tess");
    created.setLastName("Throttle");
    created.setPassword(PASSWORD);
    identity.saveUser(created);
    identity.createMembership(user, Groups.MARKETING_OPS);
  }

  @AfterEach
  void deleteUser() {
    identity.deleteUser(user);
  }

  @Test
  void shouldMakeAnAddressWaitAfterFiveFailuresAtEveryDoorButLetTheUserInFromElsewhere() throws IOException {
    for (int i = 0; i < 5; i++) {
      assertThat(basic("127.0.0.2", "/engine-rest/task?maxResults=1", "wrong-" + i).status()).isEqualTo(401);
    }

    Answer engine = basic("127.0.0.2", "/engine-rest/task?maxResults=1", PASSWORD);
    Answer api = basic("127.0.0.2", "/api/demo/mailbox", PASSWORD);
    Answer figures = basic("127.0.0.2", "/api/metrics/funnel", PASSWORD);
    Answer webapp = webappLogin("127.0.0.2", PASSWORD);
    Answer dashboard = formLogin("127.0.0.2", PASSWORD);
    Answer elsewhere = basic("127.0.0.3", "/engine-rest/task?maxResults=1", PASSWORD);

    for (Answer throttled : new Answer[] {engine, api, figures, webapp, dashboard}) {
      assertThat(throttled.status()).as(throttled.raw()).isEqualTo(429);
      assertThat(throttled.header("Retry-After")).as(throttled.raw()).isNotNull();
      assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 30);
    }
    assertThat(engine.raw()).contains("Too many failed logins");
    assertThat(elsewhere.status()).isEqualTo(200);
  }

  @Test
  void shouldCountTheWebappsLoginAndNeverLockTheUserForGood() throws IOException {
    // more failures than the engine's own lock-out (ten) allows, from several addresses
    for (int i = 0; i < 5; i++) {
      assertThat(webappLogin("127.0.0.4", "wrong-" + i).status()).isEqualTo(401);
      assertThat(basic("127.0.0.5", "/api/demo/mailbox", "wrong-" + i).status()).isEqualTo(401);
    }
    assertThat(formLogin("127.0.0.6", "wrong").header("Location")).endsWith("/login?error");
    assertThat(formLogin("127.0.0.6", "wrong").header("Location")).endsWith("/login?error");

    assertThat(webappLogin("127.0.0.4", PASSWORD).status()).isEqualTo(429);
    assertThat(webappLogin("127.0.0.7", PASSWORD).status()).isEqualTo(200);
    assertThat(formLogin("127.0.0.7", PASSWORD).header("Location")).endsWith("/dashboard");
    assertThat(identity.checkPassword(user, PASSWORD)).as("not locked in the engine").isTrue();
  }

  private Answer basic(String from, String path, String password) throws IOException {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return send(from, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
        + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
  }

  /** The webapps' own login, from a session with its XSRF token, as Tasklist's login page sends it. */
  private Answer webappLogin(String from, String password) throws IOException {
    Answer page = send(from, "GET /camunda/app/tasklist/default/ HTTP/1.1\r\nHost: localhost\r\nConnection: "
        + "close\r\n\r\n");
    String session = cookie(page, "JSESSIONID");
    String token = cookie(page, "XSRF-TOKEN");
    String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(from, "POST /camunda/api/admin/auth/user/default/login/tasklist HTTP/1.1\r\nHost: localhost\r\n"
        + "Cookie: JSESSIONID=" + session + "; XSRF-TOKEN=" + token + "\r\nX-XSRF-TOKEN: " + token
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body);
  }

  /** The dashboard's login form, with the CSRF token of its page. */
  private Answer formLogin(String from, String password) throws IOException {
    Answer page = send(from, "GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.raw());
    assertThat(csrf.find()).as(page.raw()).isTrue();
    String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
    return send(from, "POST /login HTTP/1.1\r\nHost: localhost\r\nCookie: JSESSIONID=" + cookie(page, "JSESSIONID")
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body);
  }

  /** One HTTP exchange from the given loopback address, so that the server sees that client address. */
  private Answer send(String from, String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new Answer(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String cookie(Answer answer, String name) {
    Matcher cookie = Pattern.compile("(?im)^Set-Cookie: " + name + "=([^;\\r\\n]+)").matcher(answer.raw());
    return cookie.find() ? cookie.group(1) : "";
  }

  private record Answer(String raw) {

    int status() {
      return Integer.parseInt(raw.substring(9, 12));
    }

    String header(String name) {
      Matcher header = Pattern.compile("(?im)^" + name + ": ([^\\r\\n]+)").matcher(raw);
      return header.find() ? header.group(1).strip() : null;
    }
  }
}
