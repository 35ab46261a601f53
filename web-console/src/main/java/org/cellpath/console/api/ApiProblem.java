package org.cellpath.console.api;

import java.util.List;

/**
 * A service refused a call: its status and RFC 9457 problem details. The services never quote a
 * submitted value in a problem, and the console never logs the detail anyway.
 *
 * @param errors the bad fields of a 400, as the service listed them under {@code errors}
 */
public class ApiProblem extends RuntimeException {

  private final int status;
  private final String title;
  private final String detail;
  private final List<FieldProblem> errors;

  public ApiProblem(int status, String title, String detail, List<FieldProblem> errors) {
    super("HTTP " + status + (title == null ? "" : " " + title), null, false, false);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The service's explanation, fit for the person who made the call; may be null. */
  public String detail() {
    return detail;
  }

  public List<FieldProblem> errors() {
    return errors;
  }

  public boolean isInvalidRequest() {
    return status == 400;
  }

  public boolean isConflict() {
    return status == 409;
  }
}
