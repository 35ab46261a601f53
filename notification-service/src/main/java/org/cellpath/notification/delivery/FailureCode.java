package org.cellpath.notification.delivery;

/**
 * Why a delivery attempt failed, as stored, logged and published: a fixed code, never a provider's
 * text (which may quote the address). Each code says whether another attempt can help, and whether
 * it was an attempt at all: a refusal on our side (an open circuit breaker, a rate limit, a full
 * bulkhead) never reached the provider, so it holds the message instead of using up one of its
 * attempts.
 */
public enum FailureCode {
  /** The recipient gave no address for the channel. */
  NO_ADDRESS(false),
  /** The address cannot be written as one (malformed), or the provider refused it as malformed. */
  INVALID_ADDRESS(false),
  /** The provider refused the recipient for good (SMTP 5xx on the recipient, SMS provider 422). */
  RECIPIENT_REJECTED(false),
  /** No channel is configured for the row's channel. */
  CHANNEL_UNAVAILABLE(false),
  /** The provider could not be reached, timed out, was overloaded (HTTP 429, 502-504) or down. */
  PROVIDER_UNAVAILABLE(true),
  /** The provider refused our credentials; fixable by configuration, so retried. */
  PROVIDER_AUTH_FAILED(true),
  /** Any other provider failure. */
  PROVIDER_ERROR(true),
  /** A failure in our own sending code. */
  UNEXPECTED_ERROR(true),
  /** The circuit breaker in front of the provider is open: the provider was not called. */
  CIRCUIT_OPEN(true, false),
  /** Our own rate limit for the provider is used up for now: the provider was not called. */
  RATE_LIMITED(true, false),
  /** Too many calls to the provider are under way at once: the provider was not called. */
  BULKHEAD_FULL(true, false);

  private final boolean retryable;
  private final boolean attempt;

  FailureCode(boolean retryable) {
    this(retryable, true);
  }

  FailureCode(boolean retryable, boolean attempt) {
    this.retryable = retryable;
    this.attempt = attempt;
  }

  public boolean retryable() {
    return retryable;
  }

  /**
   * Whether the failure counts as a delivery attempt. When it does not, the message is held (due
   * again later, attempts unchanged) rather than retried or given up.
   */
  public boolean countsAsAttempt() {
    return attempt;
  }
}
