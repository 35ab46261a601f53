package org.cellpath.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * An email address as the referral API has accepted it: at most 254 characters, a local part of at
 * most 64 made of dot-separated atoms, and a domain of dot-separated labels (letters, digits and
 * inner hyphens, at most 63 each) or an IPv4 literal in brackets; letters beyond ASCII are taken in
 * both parts. A domain of one label ({@code user@localhost}) is taken, as Bean Validation's
 * {@code @Email} takes it.
 *
 * <p>In JSON it is a plain string, so that a document that held the string reads the same.
 */
public record EmailAddress(@JsonValue String value) {

  /**
   * Why a value is no email address; it never repeats the value (a patient's address is patient
   * data).
   */
  public static final String RULE = "must be a well-formed email address";

  /** The longest address a mail path carries (RFC 5321's 256, less the angle brackets). */
  public static final int MAX_LENGTH = 254;

  private static final String ATOM = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+";
  private static final Pattern LOCAL = Pattern.compile(ATOM + "(\\." + ATOM + ")*");
  private static final String LABEL =
      "[a-zA-Z0-9\\u0080-\\uFFFF]([a-zA-Z0-9\\u0080-\\uFFFF-]{0,61}[a-zA-Z0-9\\u0080-\\uFFFF])?";
  private static final Pattern DOMAIN =
      Pattern.compile(LABEL + "(\\." + LABEL + ")*" + "|\\[[0-9]{1,3}(\\.[0-9]{1,3}){3}]");

  /**
   * @throws IllegalArgumentException when the value is no well-formed address
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public EmailAddress {
    if (!isValid(value)) {
      throw new IllegalArgumentException(RULE);
    }
  }

  /** Whether {@code email} is a well-formed address; null is not. */
  public static boolean isValid(String email) {
    if (email == null || email.length() > MAX_LENGTH) {
      return false;
    }
    int at = email.lastIndexOf('@');
    if (at <= 0 || at == email.length() - 1) {
      return false;
    }
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    return local.length() <= 64
        && LOCAL.matcher(local).matches()
        && DOMAIN.matcher(domain).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
