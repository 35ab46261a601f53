package org.cellpath.notification.sms;

import java.util.Locale;
import java.util.Set;

/**
 * The replies that opt a patient out of SMS ({@code docs/domain.md §5}): stop, quit, end, revoke,
 * opt out, cancel, unsubscribe, in any case, with spaces around (and between the words of "opt
 * out"), and with a closing full stop or exclamation mark. A reply that merely contains one of them
 * ("please don't stop") is not an opt-out: carriers treat only the keyword alone as one.
 */
public final class OptOutWords {

  private static final Set<String> WORDS =
      Set.of("stop", "quit", "end", "revoke", "opt out", "optout", "cancel", "unsubscribe");

  private OptOutWords() {}

  /** Whether the reply opts its sender out. */
  public static boolean isOptOut(String reply) {
    if (reply == null) {
      return false;
    }
    String normalized =
        reply
            .strip()
            .replaceAll("[.!]+$", "")
            .strip()
            .replaceAll("\\s+", " ")
            .toLowerCase(Locale.ROOT);
    return WORDS.contains(normalized);
  }
}
