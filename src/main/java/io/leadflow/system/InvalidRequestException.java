package io.leadflow.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Input that breaks a rule only the application can check (a channel's required fields, a known country, an unknown
 * team, a user who does not exist): answered with 400 and every bad field, like Bean Validation's errors.
 */
public class InvalidRequestException extends RuntimeException {

  private final transient List<FieldProblem> errors;

  public InvalidRequestException(List<FieldProblem> errors) {
    super("Invalid " + errors.stream().map(FieldProblem::field).distinct().sorted().toList());
    this.errors = new ArrayList<>(errors);
  }

  /** Collects problems one by one: {@code new InvalidRequestException().field(...).field(...).throwIfAny()}. */
  public InvalidRequestException() {
    this(List.of());
  }

  public InvalidRequestException field(String field, String detail) {
    errors.add(new FieldProblem(field, detail));
    return this;
  }

  /** Throws when any field was found bad, so a service can collect every problem before answering. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  public List<FieldProblem> errors() {
    return List.copyOf(errors);
  }
}
