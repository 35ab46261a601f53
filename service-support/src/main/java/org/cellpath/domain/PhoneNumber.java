package org.cellpath.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A phone number in E.164: a plus, a country code that does not start with 0, and 8 to 15 digits in
 * all, with no spaces or punctuation, so that an SMS provider takes it as it is (docs/domain.md
 * §1).
 *
 * <p>In JSON it is a plain string, so that a document that held the string reads the same.
 */
public record PhoneNumber(@JsonValue String value) {

  /**
   * Why a value is no phone number; it never repeats the value (a patient's number is patient
   * data).
   */
  public static final String RULE = "must be an E.164 phone number such as +14155550123";

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

  /**
   * @throws IllegalArgumentException when the value is not in E.164
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public PhoneNumber {
    if (!isValid(value)) {
      throw new IllegalArgumentException(RULE);
    }
  }

  /** Whether {@code phone} is in E.164; null is not. */
  public static boolean isValid(String phone) {
    return phone != null && E164.matcher(phone).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
