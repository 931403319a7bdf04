package io.leadflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs a machine client in by its {@value #HEADER} header. A request without the header goes on to the user login
 * (HTTP Basic); a request with a wrong or revoked key is refused at once, so that a client notices its key is gone.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-API-Key";

  private final ApiKeys keys;
  private final ObjectMapper objectMapper;

  public ApiKeyAuthenticationFilter(ApiKeys keys, ObjectMapper objectMapper) {
    this.keys = keys;
    this.objectMapper = objectMapper;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    if (presented == null) {
      chain.doFilter(request, response);
      return;
    }
    var client = keys.authenticate(presented);
    if (client.isEmpty()) {
      ProblemResponses.write(response, objectMapper, ProblemResponses.refused(HttpStatus.UNAUTHORIZED.value(),
          "The API key in " + HEADER + " is not valid or was revoked; ask an administrator for a new one.",
          request.getRequestURI()));
      return;
    }
    SecurityContextHolder.getContext().setAuthentication(client.get());
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
