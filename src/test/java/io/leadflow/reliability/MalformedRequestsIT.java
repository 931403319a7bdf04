package io.leadflow.reliability;

import static io.leadflow.DemoUsers.ADMIN;
import static io.leadflow.DemoUsers.MANAGER;
import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static io.leadflow.DemoUsers.REP_EMEA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.LeadflowIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Requests broken below the body, sent byte for byte over a socket, since an HTTP client library refuses to send
 * them: control characters, broken escapes and traversals in the path, oversized request lines and headers,
 * malformed headers, unknown methods and versions, a body of unclear length, a missing or doubled Host. Against the
 * API, the engine REST API, the webapps, Actuator, the landing page and the unsubscribe link: every answer is a 4xx
 * problem+json (whether Tomcat, the security firewall or the application refused it), nothing is written, and the
 * application stays healthy. Seeded like {@link HostileInputIT}.
 */
@LeadflowIntegrationTest
class MalformedRequestsIT {

  private static final long SEED = Long.getLong("hostile.seed", 20261123L);
  private static final int REQUESTS = Integer.getInteger("hostile.requests", 3000) / 6;

  /** Well-formed requests that the breakages start from; each gets an answer below 500 as it is. */
  private static final List<Request> TARGETS = List.of(
      new Request("POST", "/api/leads", MARKETING_OPS, "application/json", """
          {"email":"raw-%d@analytical-engines.example","firstName":"Ada","lastName":"Lovelace",\
          "company":"Analytical Engines","country":"DE","sourceChannel":"web-form","requestType":"INQUIRY"}"""),
      new Request("GET", "/api/leads/00000000-0000-0000-0000-00000000f022", MARKETING_OPS, null, null),
      new Request("GET", "/api/metrics/volumes?from=2026-01-01&to=2026-12-31", MANAGER, null, null),
      new Request("PUT", "/api/admin/holidays/RAW/2027-01-04", ADMIN, "application/json", "{\"name\":\"Raw day\"}"),
      new Request("GET", "/engine-rest/task?maxResults=1", REP_EMEA, null, null),
      new Request("GET", "/camunda/app/tasklist/default/", null, null, null),
      new Request("GET", "/actuator/health", null, null, null),
      new Request("POST", "/landing/leads", null, "application/x-www-form-urlencoded",
          "email=raw-landing-%d%%40pages.example&firstName=Lin&lastName=Raw&company=Pages&country=DE&website="),
      new Request("GET", "/unsubscribe?lead=00000000-0000-0000-0000-00000000f022&token=x", null, null, null),
      new Request("GET", "/v3/api-docs", MARKETING_OPS, null, null));

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  @Autowired ObjectMapper objectMapper;

  @Test
  void shouldAnswerRequestsBrokenBelowTheBodyWithAProblemAndWriteNothing() throws IOException {
    for (Request target : TARGETS) {
      Answer answer = send(target.raw(port, 0));
      assertThat(answer.status()).as(target.method() + " " + target.path() + " as it is: " + answer.body())
          .isBetween(200, 499);
    }
    String rows = rows();
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    for (int n = 1; n <= REQUESTS; n++) {
      Request target = TARGETS.get(random.nextInt(TARGETS.size()));
      Breakage breakage = Breakage.values()[random.nextInt(Breakage.values().length)];
      Raw raw = target.raw(port, n);
      String how = breakage.apply(raw, random);
      check(n + " " + breakage + " (" + how + ") of " + target.method() + " " + target.path(), send(raw), failures);
    }
    // and every traversal at the very start of every path, where one failed for the engine REST API's servlet
    int n = REQUESTS;
    for (Request target : TARGETS) {
      for (String traversal : Breakage.TRAVERSALS) {
        Raw raw = target.raw(port, ++n);
        String how = raw.insertIntoPath(traversal, 1);
        check(n + " TRAVERSAL_IN_PATH (" + how + ") of " + target.method() + " " + target.path(), send(raw),
            failures);
      }
    }

    assertThat(failures).as("requests not answered with a problem+json 4xx (seed %d)", SEED).isEmpty();
    assertThat(rows()).as("leads, inquiries and holidays after the broken requests").isEqualTo(rows);
    assertThat(rest.getForEntity("/actuator/health", String.class).getBody()).contains("\"UP\"");
  }

  private void check(String request, Answer answer, List<String> failures) {
    if (answer.status() < 400 || answer.status() >= 500) {
      failures.add(request + " -> " + answer.status() + ": " + abbreviate(answer.body()));
    } else if (!isProblem(answer)) {
      failures.add(request + " -> " + answer.status() + " without problem+json: " + answer.contentType() + " "
          + abbreviate(answer.body()));
    }
  }

  private String rows() {
    return jdbc.queryForObject("select (select count(*) from leadflow.lead) || '/' || (select count(*) from "
        + "leadflow.inquiry) || '/' || (select count(*) from leadflow.holiday)", String.class);
  }

  private boolean isProblem(Answer answer) {
    if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
      return false;
    }
    try {
      JsonNode problem = objectMapper.readTree(answer.body());
      return problem.path("status").asInt() == answer.status() && problem.hasNonNull("detail");
    } catch (IOException notJson) {
      return false;
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /** A well-formed request: {@code %d} in its body becomes the request's number, so that no two are alike. */
  private record Request(String method, String path, String user, String contentType, String body) {

    Raw raw(int port, int n) {
      Raw raw = new Raw(port);
      raw.method = method;
      raw.target = path;
      raw.headers.add("Host: localhost:" + port);
      if (user != null) {
        raw.headers.add("Authorization: Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
      }
      if (body != null) {
        raw.body = body.formatted(n).getBytes(StandardCharsets.UTF_8);
        raw.headers.add("Content-Type: " + contentType);
        raw.headers.add("Content-Length: " + raw.body.length);
      }
      // a different client address each time: the landing page's rate limit is not what is tested here
      raw.headers.add("X-Forwarded-For: 198.18." + (n / 250) + "." + (n % 250 + 1));
      raw.headers.add("Connection: close");
      return raw;
    }
  }

  /** A request as bytes go on the wire (ISO-8859-1: one character, one byte, control characters included). */
  private static final class Raw {

    final int port;
    String method;
    String target;
    String version = "HTTP/1.1";
    final List<String> headers = new ArrayList<>();
    byte[] body = new byte[0];

    Raw(int port) {
      this.port = port;
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes((method + " " + target + " " + version + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      headers.forEach(header -> out.writeBytes((header + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
      out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(body);
      return out.toByteArray();
    }

    /** Inserts text into the path at a random place after its first character. */
    String insertIntoPath(String text, Random random) {
      int end = target.indexOf('?') < 0 ? target.length() : target.indexOf('?');
      return insertIntoPath(text, 1 + random.nextInt(end - 1));
    }

    String insertIntoPath(String text, int at) {
      target = target.substring(0, at) + text + target.substring(at);
      return quoted(text) + " at " + at;
    }

    void replaceHeader(String name, String... lines) {
      headers.removeIf(header -> header.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"));
      headers.addAll(0, List.of(lines));
    }
  }

  /** Ways a request breaks below its body; each alone makes it malformed. */
  private enum Breakage {
    CONTROL_CHARACTER_IN_PATH {
      @Override
      String apply(Raw raw, Random random) {
        return raw.insertIntoPath(any(random, "\u0000", "\u0001", "\u001f", "\u007f", "\u00ff", "\\", "\"", "<", "{",
            "|", "^", "`", "[", "#"), random);
      }
    },
    BROKEN_ESCAPE_IN_PATH {
      @Override
      String apply(Raw raw, Random random) {
        return raw.insertIntoPath(any(random, "%ZZ", "%0", "%", "%00", "%C0%AE", "%E0%80%AF", "%FF", "%2F", "%5C",
            "%25%"), random);
      }
    },
    TRAVERSAL_IN_PATH {
      @Override
      String apply(Raw raw, Random random) {
        return raw.insertIntoPath(any(random, TRAVERSALS), random);
      }
    },
    REQUEST_LINE_TOO_LONG {
      @Override
      String apply(Raw raw, Random random) {
        String padding = "a".repeat(9_000 + random.nextInt(60_000));
        boolean inPath = random.nextBoolean();
        raw.target = inPath ? raw.target + "/" + padding
            : raw.target + (raw.target.contains("?") ? "&" : "?") + "q=" + padding;
        return padding.length() + " characters more in the " + (inPath ? "path" : "query");
      }
    },
    UNKNOWN_METHOD {
      @Override
      String apply(Raw raw, Random random) {
        raw.method = any(random, "FOO", "get", "TRACE", "CONNECT", "PROPFIND", "G\u0001T", "GET GET", "");
        return quoted(raw.method);
      }
    },
    UNKNOWN_VERSION {
      @Override
      String apply(Raw raw, Random random) {
        raw.version = any(random, "HTTP/2.0", "HTTP/9.9", "HTTP/0.9", "HTTP/1.x", "HTTPS/1.1", "HTTP/1.1x");
        return quoted(raw.version);
      }
    },
    HEADER_TOO_LARGE {
      @Override
      String apply(Raw raw, Random random) {
        String padding = "a".repeat(9_000 + random.nextInt(60_000));
        raw.headers.add("X-Padding: " + padding);
        return padding.length() + " characters";
      }
    },
    TOO_MANY_HEADERS {
      @Override
      String apply(Raw raw, Random random) {
        int count = 101 + random.nextInt(200);
        for (int header = 0; header < count; header++) {
          raw.headers.add("X-Header-" + header + ": 1");
        }
        return count + " more";
      }
    },
    MALFORMED_HEADER {
      @Override
      String apply(Raw raw, Random random) {
        String header = any(random, "No colon here", "X Space: 1", ": no-name", "X-Nul: a\u0000b",
            "X-Control: a\u0001b", "X-Bad(Name): 1");
        raw.headers.add(random.nextInt(raw.headers.size()), header);
        return quoted(header);
      }
    },
    UNCLEAR_BODY_LENGTH {
      @Override
      String apply(Raw raw, Random random) {
        int length = raw.body.length;
        // a request without a body gets only what is refused before a body would be read
        List<String> headers = switch (length == 0 ? random.nextInt(3) : random.nextInt(5)) {
          case 0 -> List.of("Content-Length: " + length, "Content-Length: " + (length + 1));
          case 1 -> List.of("Content-Length: " + any(random, "abc", "-1", "1e3", "99999999999999999999"));
          case 2 -> List.of("Content-Length: " + length,
              "Transfer-Encoding: " + any(random, "gzip", "chunked, gzip", "x-unknown"));
          case 3 -> List.of("Content-Length: " + length, "Transfer-Encoding: chunked");
          default -> {
            raw.body = "ZZ\r\nnot a chunk\r\n".getBytes(StandardCharsets.ISO_8859_1);
            yield List.of("Transfer-Encoding: chunked");
          }
        };
        raw.replaceHeader("Content-Length", headers.toArray(String[]::new));
        return quoted(String.join(" / ", headers));
      }
    },
    BAD_HOST {
      @Override
      String apply(Raw raw, Random random) {
        String host = switch (random.nextInt(3)) {
          case 0 -> null;
          case 1 -> "second.example";
          default -> any(random, "a b", "[::1", "a_b.example", "x\u0001y");
        };
        if (host == null) {
          raw.replaceHeader("Host");
          return "no Host";
        }
        if (host.equals("second.example")) {
          raw.headers.add(1, "Host: " + host);
          return "a second Host";
        }
        raw.replaceHeader("Host", "Host: " + host);
        return quoted(host);
      }
    };

    static final String[] TRAVERSALS = {"//", "/./", "/../", ";jsessionid=1", "%2e%2e/", "/%2E/", ";"};

    /** Breaks the request and says how. */
    abstract String apply(Raw raw, Random random);

    private static String any(Random random, String... choices) {
      return choices[random.nextInt(choices.length)];
    }
  }

  /** Control characters as Java escapes, so that a failure message shows what was sent. */
  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    text.chars().forEach(c -> quoted.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : (char) c));
    return quoted.append('"').toString();
  }

  private record Answer(int status, String contentType, String body) {
  }

  /** Sends the bytes and reads the answer until the server closes the connection (the request asked it to). */
  private static Answer send(Raw raw) throws IOException {
    byte[] answer;
    try (Socket socket = new Socket("localhost", raw.port)) {
      socket.setSoTimeout(20_000);
      try {
        socket.getOutputStream().write(raw.bytes());
        socket.getOutputStream().flush();
      } catch (SocketException closedEarly) {
        // the server may refuse an oversized request before it has read all of it; its answer is still there
      }
      answer = readAll(socket.getInputStream());
    }
    int headEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    String head = new String(answer, 0, headEnd < 0 ? answer.length : headEnd, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    if (headEnd < 0 || !lines[0].startsWith("HTTP/1.1 ")) {
      return new Answer(-1, null, new String(answer, StandardCharsets.UTF_8));
    }
    String contentType = null;
    boolean chunked = false;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        contentType = line.substring(13).trim();
      }
      chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
    }
    byte[] body = Arrays.copyOfRange(answer, headEnd + 4, answer.length);
    return new Answer(Integer.parseInt(lines[0].substring(9, 12)), contentType,
        new String(chunked ? unchunk(body) : body, StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        out.write(buffer, 0, read);
      }
    } catch (SocketTimeoutException | SocketException closedOrSilent) {
      // what arrived is the answer; a server that said nothing fails the check on the status line
    }
    return out.toByteArray();
  }

  private static byte[] unchunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).trim(), 16);
      if (size == 0) {
        break;
      }
      int start = lineEnd + 2;
      out.write(body, start, Math.min(size, body.length - start));
      at = start + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte[] part, int from) {
    for (int at = from; at + part.length <= bytes.length; at++) {
      if (Arrays.equals(bytes, at, at + part.length, part, 0, part.length)) {
        return at;
      }
    }
    return -1;
  }
}
