package io.leadflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated API call with 401, a Basic challenge and an RFC 9457 problem body; a login throttled
 * after too many failures with 429 and Retry-After.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final ObjectMapper objectMapper;

  ProblemAuthenticationEntryPoint(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    if (exception instanceof LoginThrottledException throttled) {
      throttled.retryAfter(response);
      ProblemResponses.write(response, objectMapper, ProblemResponses.refused(HttpStatus.TOO_MANY_REQUESTS.value(),
          throttled.detail(), request.getRequestURI()));
      return;
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Leadflow\"");
    ProblemResponses.write(response, objectMapper, ProblemResponses.refused(HttpStatus.UNAUTHORIZED.value(),
        "Log in with a Leadflow user (HTTP Basic) to use this endpoint.", request.getRequestURI()));
  }
}
