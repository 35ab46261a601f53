package org.cellpath.console.physician;

/**
 * A phone number as people type it, made the E.164 form the services take (docs/domain.md §1). A US
 * number may come with or without the country code, with spaces, dashes, dots or parentheses:
 * {@code (415) 555-0188}, {@code 415-555-0188}, {@code 415.555.0188}, {@code +1 415 555 0188},
 * {@code 4155550188}. A number that starts with a plus keeps its country code. Anything else is
 * sent as typed, for the service to refuse by name, so the person sees their own input kept.
 */
final class TypedPhoneNumber {

  private TypedPhoneNumber() {}

  static String normalized(String typed) {
    if (typed == null || typed.isBlank()) {
      return typed;
    }
    String stripped = typed.strip();
    // Only the separators people put between digit groups; a letter or other sign is not a number.
    if (!stripped.matches("\\+?[0-9 ().\\-]+")) {
      return typed;
    }
    String digits = stripped.replaceAll("[^0-9]", "");
    if (stripped.startsWith("+")) {
      return "+" + digits;
    }
    if (digits.length() == 10 && digits.charAt(0) >= '2') {
      return "+1" + digits;
    }
    if (digits.length() == 11 && digits.startsWith("1") && digits.charAt(1) >= '2') {
      return "+" + digits;
    }
    return typed;
  }
}
