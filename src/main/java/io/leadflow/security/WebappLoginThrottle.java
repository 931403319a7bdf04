package io.leadflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' own login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) checks the password itself,
 * past Spring Security: it is throttled here like every other login ({@link LoginThrottle}). Its answer tells the
 * outcome: 401 a wrong password, 200 or 403 (no access to that app) a right one.
 */
class WebappLoginThrottle extends OncePerRequestFilter {

  private static final Pattern LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+");
  /** A login form is a few dozen bytes; a larger body is no login. */
  private static final int MAX_BODY = 16 * 1024;

  private final LoginThrottle throttle;
  private final ObjectMapper objectMapper;

  WebappLoginThrottle(LoginThrottle throttle, ObjectMapper objectMapper) {
    this.throttle = throttle;
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !LOGIN.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      ProblemResponses.write(response, objectMapper, ProblemResponses.refused(
          HttpStatus.PAYLOAD_TOO_LARGE.value(), null, request.getRequestURI()));
      return;
    }
    String user = username(new String(body, StandardCharsets.ISO_8859_1));
    String address = request.getRemoteAddr();
    var wait = user == null ? java.util.Optional.<java.time.Duration>empty()
        : throttle.waitBeforeTrying(user, address);
    if (wait.isPresent()) {
      LoginThrottledException throttled = new LoginThrottledException(wait.get());
      throttled.retryAfter(response);
      ProblemResponses.write(response, objectMapper, ProblemResponses.refused(
          HttpStatus.TOO_MANY_REQUESTS.value(), throttled.detail(), request.getRequestURI()));
      return;
    }
    chain.doFilter(new ReadAgain(request, body), response);
    if (user != null && response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      throttle.failed(user, address);
    } else if (user != null && (response.getStatus() == HttpStatus.OK.value()
        || response.getStatus() == HttpStatus.FORBIDDEN.value())) {
      throttle.succeeded(user, address);
    }
  }

  private static String username(String form) {
    for (String field : form.split("&")) {
      int equals = field.indexOf('=');
      if (equals > 0 && "username".equals(field.substring(0, equals))) {
        try {
          return URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException brokenEscape) {
          return field.substring(equals + 1);
        }
      }
    }
    return null;
  }

  /** The request with its body, already read to find the user, readable once more by the webapps. */
  private static final class ReadAgain extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadAgain(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream bytes = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return bytes.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("The body was read already");
        }
      };
    }
  }
}
