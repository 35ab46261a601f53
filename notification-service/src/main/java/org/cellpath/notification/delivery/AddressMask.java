package org.cellpath.notification.delivery;

import org.cellpath.contracts.ContactChannel;

/**
 * Shows enough of an address for staff to recognise it, and no more: an email keeps the first
 * character of its local part and its domain ({@code a***@example.org}); a phone number keeps its
 * last two digits.
 */
public final class AddressMask {

  private static final String HIDDEN = "***";

  private AddressMask() {}

  /** The masked address, or null when there is none. */
  public static String mask(ContactChannel channel, String address) {
    if (address == null || address.isBlank()) {
      return null;
    }
    return channel == ContactChannel.SMS ? phone(address.strip()) : email(address.strip());
  }

  static String email(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      return HIDDEN;
    }
    return address
        .codePoints()
        .limit(1)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .append(HIDDEN)
        .append(address.substring(at))
        .toString();
  }

  static String phone(String number) {
    String digits = number.replaceAll("\\D", "");
    if (digits.length() < 6) {
      return HIDDEN;
    }
    return (number.startsWith("+") ? "+" : "")
        + "*".repeat(digits.length() - 2)
        + digits.substring(digits.length() - 2);
  }
}
