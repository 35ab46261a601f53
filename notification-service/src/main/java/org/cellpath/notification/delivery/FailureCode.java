package org.cellpath.notification.delivery;

/**
 * Why a delivery attempt failed, as stored, logged and published: a fixed code, never a provider's text (which
 * may quote the address). Each code says whether another attempt can help.
 */
public enum FailureCode {
  /** The recipient gave no address for the channel. */
  NO_ADDRESS(false),
  /** The address cannot be written as one (malformed). */
  INVALID_ADDRESS(false),
  /** The provider refused the recipient for good (SMTP 5xx on the recipient). */
  RECIPIENT_REJECTED(false),
  /** No channel is configured for the row's channel. */
  CHANNEL_UNAVAILABLE(false),
  /** The provider could not be reached or timed out. */
  PROVIDER_UNAVAILABLE(true),
  /** The provider refused our credentials; fixable by configuration, so retried. */
  PROVIDER_AUTH_FAILED(true),
  /** Any other provider failure. */
  PROVIDER_ERROR(true),
  /** A failure in our own sending code. */
  UNEXPECTED_ERROR(true);

  private final boolean retryable;

  FailureCode(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
