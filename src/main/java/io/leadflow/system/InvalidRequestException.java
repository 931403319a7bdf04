package io.leadflow.system;

import java.util.List;

/**
 * Input that breaks a rule only the application can check (a channel's required fields, a known country, a valid
 * phone number): answered with 400 and every bad field, like bean validation's errors.
 */
public class InvalidRequestException extends RuntimeException {

  private final transient List<FieldProblem> errors;

  public InvalidRequestException(List<FieldProblem> errors) {
    super("Invalid " + errors.stream().map(FieldProblem::field).distinct().sorted().toList());
    this.errors = List.copyOf(errors);
  }

  public List<FieldProblem> errors() {
    return errors;
  }
}
