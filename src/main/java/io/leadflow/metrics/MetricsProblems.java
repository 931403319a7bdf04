package io.leadflow.metrics;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Bad query parameters of the metrics API, in the same RFC 9457 shape as the rest of the API: each field named. */
final class MetricsProblems {

  private MetricsProblems() {
  }

  static ProblemDetail badRequest(String field, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid " + field);
    problem.setTitle("Invalid request");
    problem.setProperty("errors", List.of(Map.of("field", field, "detail", detail)));
    return problem;
  }

  /** Thrown for a bad parameter; answered as 400 problem+json by {@link MetricsController}. */
  static final class BadParameter extends RuntimeException {

    private final String field;

    BadParameter(String field, String detail) {
      super(detail);
      this.field = field;
    }

    ProblemDetail problem() {
      return badRequest(field, getMessage());
    }
  }
}
