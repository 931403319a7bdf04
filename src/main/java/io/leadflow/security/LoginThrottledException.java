package io.leadflow.security;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;

/** A login refused unchecked because there were too many failed ones ({@link LoginThrottle}): 429, Retry-After. */
class LoginThrottledException extends AuthenticationException {

  private final long retryAfterSeconds;

  LoginThrottledException(Duration wait) {
    super("Too many failed logins");
    this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  String detail() {
    return "Too many failed logins for this user from this address: try again in " + retryAfterSeconds
        + " seconds. Nothing was checked.";
  }

  void retryAfter(HttpServletResponse response) {
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
  }
}
