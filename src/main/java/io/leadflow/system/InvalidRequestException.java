package io.leadflow.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Bad input found by a check that needs the application's data (an unknown team, a user who does not exist): answered
 * as a 400 problem naming each bad field, like a failed Bean Validation constraint.
 */
public class InvalidRequestException extends RuntimeException {

  private final List<ApiProblems.FieldProblem> errors = new ArrayList<>();

  public InvalidRequestException() {
    super("Invalid request");
  }

  public InvalidRequestException field(String field, String detail) {
    errors.add(new ApiProblems.FieldProblem(field, detail));
    return this;
  }

  /** Throws when any field was found bad, so a service can collect every problem before answering. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw this;
    }
  }

  List<ApiProblems.FieldProblem> errors() {
    return errors;
  }
}
