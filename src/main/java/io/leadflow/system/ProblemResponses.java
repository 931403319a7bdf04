package io.leadflow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problems written straight to the response, for refusals that happen before or outside Spring MVC's
 * controllers (the servlet container, the security firewall, the login check, the error page), where no content
 * negotiation can be trusted: a request refused for its broken headers may carry a broken Accept header too.
 */
public final class ProblemResponses {

  private ProblemResponses() {
  }

  /** Sets the status and content type and writes the problem; the response must not be committed yet. */
  public static void write(HttpServletResponse response, ObjectMapper objectMapper, ProblemDetail problem)
      throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(objectMapper.writeValueAsString(problem));
  }

  /**
   * A problem for a request refused as a whole, with a detail that says what the status means for the client.
   *
   * @param path the request's path as it came, or null; left out when it is no valid URI (a NUL, a broken escape)
   */
  public static ProblemDetail refused(int status, String detail, String path) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
        detail != null ? detail : detailOf(status));
    if (path != null) {
      try {
        problem.setInstance(URI.create(path));
      } catch (IllegalArgumentException notAUri) {
        // the path is what was wrong; the detail says so
      }
    }
    return problem;
  }

  private static String detailOf(int status) {
    return switch (status) {
      case 400 -> "The request is not well-formed HTTP: its path, query string or headers break the rules (for "
          + "example a NUL, a control character or an invalid %-escape), or its body's length is unclear. Nothing "
          + "was done.";
      case 404 -> "There is nothing at this path.";
      case 405 -> "This path does not take this method.";
      case 413, 414, 431 -> "The request is too large: its body, path or headers exceed what is accepted. Nothing "
          + "was done.";
      default -> {
        HttpStatus known = HttpStatus.resolve(status);
        yield status >= 500 ? "The request failed on the server; the failure is logged. Try again later."
            : known != null ? known.getReasonPhrase() : "The request was refused.";
      }
    };
  }
}
