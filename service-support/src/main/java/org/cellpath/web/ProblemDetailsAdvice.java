package org.cellpath.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.NotPermittedException;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.domain.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Turns failures into RFC 9457 problem details. Validation problems list every bad field under
 * {@code errors}; no response ever quotes a submitted value, and unexpected failures say nothing
 * about their cause.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  static final URI INVALID_REQUEST = URI.create("https://cellpath.org/problems/invalid-request");
  static final URI NOT_FOUND = URI.create("https://cellpath.org/problems/not-found");
  static final URI CONFLICT = URI.create("https://cellpath.org/problems/conflict");
  static final URI FORBIDDEN = URI.create("https://cellpath.org/problems/forbidden");
  static final URI TOO_MANY_REQUESTS =
      URI.create("https://cellpath.org/problems/too-many-requests");
  static final URI BODY_TOO_LARGE = URI.create(RequestBodyLimitFilter.TYPE);

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems =
        ex.getBindingResult().getFieldErrors().stream()
            .map(error -> new FieldProblem(error.getField(), messageOf(error)))
            .toList();
    List<FieldProblem> global =
        ex.getBindingResult().getGlobalErrors().stream()
            .map(error -> new FieldProblem(error.getObjectName(), error.getDefaultMessage()))
            .toList();
    return ResponseEntity.badRequest().body(invalid(concat(problems, global)));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    DatabindException databind = null;
    for (Throwable cause = ex; cause != null && databind == null; cause = cause.getCause()) {
      if (cause instanceof RequestBodyTooLargeException tooLarge) {
        // A chunked body that grew past its endpoint's limit while the converter read it.
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
      }
      if (cause instanceof DatabindException found && !found.getPath().isEmpty()) {
        databind = found;
      }
    }
    FieldProblem problem;
    if (databind instanceof PropertyBindingException) {
      // An unknown (or server-owned) field: refused, so that a client never believes it set it.
      problem = new FieldProblem(pathOf(databind), "is not a field of this request");
    } else if (databind != null) {
      problem = new FieldProblem(pathOf(databind), "has the wrong type or format");
    } else {
      problem = new FieldProblem("body", "is not readable JSON");
    }
    return ResponseEntity.badRequest().body(invalid(List.of(problem)));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems =
        ex.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                new FieldProblem(
                                    result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage() != null
                                        ? error.getDefaultMessage()
                                        : "is invalid")))
            .toList();
    return ResponseEntity.badRequest().body(invalid(problems));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return ResponseEntity.badRequest()
        .body(invalid(List.of(new FieldProblem(ex.getParameterName(), "is required"))));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        ex instanceof MethodArgumentTypeMismatchException argument
            ? argument.getName()
            : ex.getPropertyName();
    return ResponseEntity.badRequest()
        .body(
            invalid(
                List.of(
                    new FieldProblem(
                        name != null ? name : "parameter", "has the wrong type or format"))));
  }

  /** Constraints on a {@code @Validated} controller's parameters, checked by method validation. */
  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
    List<FieldProblem> problems =
        ex.getConstraintViolations().stream()
            .map(violation -> new FieldProblem(lastNode(violation), violation.getMessage()))
            .toList();
    return ResponseEntity.badRequest().body(invalid(problems));
  }

  @ExceptionHandler(InvalidValueException.class)
  ResponseEntity<ProblemDetail> invalidRequest(InvalidValueException ex) {
    return ResponseEntity.badRequest().body(invalid(ex.problems()));
  }

  @ExceptionHandler(RecordNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(RecordNotFoundException ex) {
    return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", ex.getMessage());
  }

  @ExceptionHandler(NotPermittedException.class)
  ResponseEntity<ProblemDetail> forbidden(NotPermittedException ex) {
    return problem(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", ex.getMessage());
  }

  @ExceptionHandler(StateConflictException.class)
  ResponseEntity<ProblemDetail> conflict(StateConflictException ex) {
    return problem(HttpStatus.CONFLICT, CONFLICT, "Conflict", ex.getMessage());
  }

  /** A caller over its rate limit: 429, with {@code Retry-After} in whole seconds. */
  @ExceptionHandler(TooManyRequestsException.class)
  ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequestsException ex) {
    long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many requests of this kind; try again in " + seconds + " s.");
    body.setType(TOO_MANY_REQUESTS);
    body.setTitle("Too many requests");
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .body(body);
  }

  /**
   * A body over its endpoint's limit, read by a handler itself (the SMS webhook reads bytes to
   * check them).
   */
  @ExceptionHandler(RequestBodyTooLargeException.class)
  ResponseEntity<ProblemDetail> bodyTooLarge(RequestBodyTooLargeException ex) {
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(ex));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception ex) {
    // Class name only: the message of an arbitrary exception may quote patient data.
    log.error("Unexpected failure handling a request: {}", ex.getClass().getName());
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        null,
        "Internal error",
        "The request could not be completed. It has been logged without its content.");
  }

  private static ProblemDetail invalid(List<FieldProblem> problems) {
    List<FieldProblem> sorted =
        problems.stream()
            .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
            .toList();
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            sorted.stream()
                .map(FieldProblem::field)
                .distinct()
                .collect(Collectors.joining(", ", "Invalid field(s): ", "")));
    body.setType(INVALID_REQUEST);
    body.setTitle("Invalid request");
    body.setProperty("errors", sorted);
    return body;
  }

  private static ProblemDetail tooLarge(RequestBodyTooLargeException ex) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONTENT_TOO_LARGE, RequestBodyLimitFilter.detail(ex.maxBytes()));
    body.setType(BODY_TOO_LARGE);
    body.setTitle("Content too large");
    body.setProperty("maxBytes", ex.maxBytes());
    return body;
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, URI type, String title, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    if (type != null) {
      body.setType(type);
    }
    body.setTitle(title);
    return ResponseEntity.status(status).body(body);
  }

  private static String lastNode(ConstraintViolation<?> violation) {
    String name = "parameter";
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getName() != null) {
        name = node.getName();
      }
    }
    return name;
  }

  private static String messageOf(FieldError error) {
    return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
  }

  private static String pathOf(DatabindException ex) {
    StringBuilder path = new StringBuilder();
    for (var reference : ex.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
