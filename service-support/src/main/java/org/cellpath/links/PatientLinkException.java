package org.cellpath.links;

/**
 * A link that opens nothing. The message says which of the reasons, never the token, since the
 * token is a credential.
 */
public class PatientLinkException extends RuntimeException {

  /** Why a link opens nothing. */
  public enum Reason {
    /**
     * Not a link this clinic signed: altered, truncated, forged, or signed under an unknown key.
     */
    INVALID,
    /** Signed here, but for another purpose. */
    WRONG_PURPOSE,
    /** Signed here, for this purpose, but its time is over. */
    EXPIRED
  }

  private final Reason reason;

  PatientLinkException(Reason reason) {
    super(
        switch (reason) {
          case INVALID -> "The link is not one this clinic signed";
          case WRONG_PURPOSE -> "The link was made for another page";
          case EXPIRED -> "The link has expired";
        });
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
