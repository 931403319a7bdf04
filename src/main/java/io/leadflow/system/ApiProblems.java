package io.leadflow.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of Leadflow's API is an RFC 9457 problem. Bad input names each bad field in {@code errors}, so a capture
 * form can show the message beside the field.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Object> handleInvalidRequest(InvalidRequestException exception) {
    return ResponseEntity.badRequest().body(badRequest(exception.errors()));
  }

  static ProblemDetail badRequest(List<FieldProblem> errors) {
    List<FieldProblem> sorted = errors.stream()
        .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::detail)).toList();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "Invalid " + sorted.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", ")));
    problem.setTitle("Invalid request");
    problem.setProperty("errors", sorted);
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors = exception.getBindingResult().getFieldErrors().stream()
        .map(error -> new FieldProblem(error.getField(), message(error)))
        .toList();
    return ResponseEntity.badRequest().body(badRequest(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = exception.getMostSpecificCause();
    if (cause instanceof NoNulCharacter.NulInTextException nul) {
      return ResponseEntity.badRequest().body(badRequest(List.of(new FieldProblem(path(nul),
          NoNulCharacter.DETAIL))));
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return ResponseEntity.badRequest().body(badRequest(List.of(new FieldProblem(path(unknown),
          "is not a known field; known fields are "
              + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()))));
    }
    if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
      JsonMappingException mapping = (JsonMappingException) cause;
      if (!mapping.getPath().isEmpty()) {
        Class<?> type = cause instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return ResponseEntity.badRequest().body(badRequest(List.of(new FieldProblem(path(mapping),
            "must be " + describe(type)))));
      }
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        cause instanceof JsonProcessingException json && json.getLocation() != null
            ? "The body is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
                + json.getLocation().getColumnNr() + ")"
            : "The body is missing or not readable as JSON");
    problem.setTitle("Malformed request");
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = exception instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
        : exception.getPropertyName();
    return ResponseEntity.badRequest().body(badRequest(List.of(
        new FieldProblem(name == null ? "parameter" : name, "must be " + describe(exception.getRequiredType())))));
  }

  /** A browser that opens a path with nothing at it gets the error page's HTML, not a problem. */
  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
        && ProtocolProblems.ProblemErrorPage.wantsHtml(servlet.getRequest())) {
      try {
        servlet.getResponse().sendError(status.value());
      } catch (IOException clientGone) {
        // nobody left to tell
      }
      return null;
    }
    return super.handleNoResourceFoundException(exception, headers, status, request);
  }

  private static String message(FieldError error) {
    return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
  }

  private static String path(JsonMappingException exception) {
    return exception.getPath().stream()
        .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
            : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "a text";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == java.util.UUID.class) {
      return "a UUID";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
      return "an ISO 8601 date or time";
    }
    return "a " + type.getSimpleName();
  }
}
