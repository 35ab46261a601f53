package org.cellpath.referral.intake;

/**
 * National Provider Identifier check: 10 digits whose last is a Luhn check digit computed over the number with
 * the {@code 80840} health-industry prefix in front.
 */
public final class Npi {

  private static final String PREFIX = "80840";

  private Npi() {}

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
}
