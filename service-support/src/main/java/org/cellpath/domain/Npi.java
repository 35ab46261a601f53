package org.cellpath.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A National Provider Identifier: 10 digits whose last is a Luhn check digit computed over the
 * number with the {@code 80840} health-industry prefix in front (docs/domain.md §1).
 *
 * <p>In JSON it is a plain string, so that a document that held the string reads the same.
 */
public record Npi(@JsonValue String value) {

  /** Why a value is no NPI; it never repeats the value. */
  public static final String RULE = "must be a 10-digit NPI with a valid check digit";

  private static final String PREFIX = "80840";

  /**
   * @throws IllegalArgumentException when the value is no NPI
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public Npi {
    if (!isValid(value)) {
      throw new IllegalArgumentException(RULE);
    }
  }

  /** Whether {@code npi} is 10 digits with a valid check digit; null is not. */
  public static boolean isValid(String npi) {
    if (npi == null || !npi.matches("\\d{10}")) {
      return false;
    }
    String digits = PREFIX + npi;
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (twice) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  @Override
  public String toString() {
    return value;
  }
}
