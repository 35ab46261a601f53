package org.cellpath.web;

import java.time.Duration;
import java.util.Objects;

/** The caller asked too often; answered 429 with {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {

  private final Duration retryAfter;

  public TooManyRequestsException(Duration retryAfter) {
    super("Too many requests; retry after " + retryAfter);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** How long until the caller may ask again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
