package org.cellpath.domain;

import java.util.List;

/**
 * A value breaks a rule (an NPI whose check digit is wrong, an end before its start), named by its
 * field's path; the web layer answers 400 listing every field.
 */
public class InvalidValueException extends RuntimeException {

  private final List<FieldProblem> problems;

  public InvalidValueException(List<FieldProblem> problems) {
    super(problems.size() + " invalid field(s)");
    this.problems = List.copyOf(problems);
  }

  public InvalidValueException(String field, String message) {
    this(List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
