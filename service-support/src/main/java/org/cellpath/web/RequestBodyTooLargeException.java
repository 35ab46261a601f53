package org.cellpath.web;

import java.io.IOException;

/**
 * A request body grew past its endpoint's limit while it was read (a chunked body, which announces
 * no length). An {@link IOException}, since the input stream throws it, so that whatever reads the
 * body stops there; answered 413 by {@link ProblemDetailsAdvice}.
 */
public class RequestBodyTooLargeException extends IOException {

  private final long maxBytes;

  public RequestBodyTooLargeException(long maxBytes) {
    super("The request body is larger than " + maxBytes + " bytes");
    this.maxBytes = maxBytes;
  }

  /** The endpoint's limit. */
  public long maxBytes() {
    return maxBytes;
  }
}
