package io.leadflow.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session with Camunda's webapps, as Tasklist and Cockpit hold it: their login call, the session cookie
 * and the XSRF token that every write to the webapps' API (/camunda/api/**) must echo in a header.
 */
final class WebappSession {

  private final String baseUrl;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  private WebappSession(String baseUrl) {
    this.baseUrl = baseUrl;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** A session without a login: what an anonymous visitor of Tasklist holds. */
  static WebappSession anonymous(int port) {
    WebappSession session = new WebappSession("http://localhost:" + port);
    session.send("GET", "/camunda/app/tasklist/default/", null, null);
    return session;
  }

  /** Logs in to Tasklist (Cockpit for those who may not use Tasklist) and answers the login's status. */
  static WebappSession loggedIn(int port, String user, String password) {
    WebappSession session = anonymous(port);
    int status = session.logIn("tasklist", user, password);
    if (status == 403) {
      status = session.logIn("cockpit", user, password);
    }
    if (status != 200) {
      throw new IllegalStateException("Webapp login of " + user + " answered " + status);
    }
    // the login starts a new session: its XSRF token comes with the next read, as the webapps make it
    session.send("GET", "/camunda/api/admin/auth/user/default", null, null);
    return session;
  }

  int logIn(String app, String user, String password) {
    return send("POST", "/camunda/api/admin/auth/user/default/login/" + app, "application/x-www-form-urlencoded",
        "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)).statusCode();
  }

  HttpResponse<String> send(String method, String path, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Accept", "application/json");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> json(String method, String path, String body) {
    return send(method, path, "application/json", body);
  }
}
