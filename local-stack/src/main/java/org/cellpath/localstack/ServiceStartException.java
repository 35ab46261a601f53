package org.cellpath.localstack;

/** A service could not be launched or did not become ready. */
public final class ServiceStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ServiceStartException(String message) {
    super(message);
  }

  public ServiceStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
