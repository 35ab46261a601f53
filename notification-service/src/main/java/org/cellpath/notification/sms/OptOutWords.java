package org.cellpath.notification.sms;

import java.util.Locale;
import java.util.Set;

/**
 * The keywords of a patient's SMS reply. The replies that opt a patient out of SMS ({@code
 * docs/domain.md §5}): stop, quit, end, revoke, opt out, cancel, unsubscribe, in any case, with
 * spaces around (and between the words of "opt out"), and with a closing full stop or exclamation
 * mark. A reply that merely contains one of them ("please don't stop") is not an opt-out: carriers
 * treat only the keyword alone as one. The same way: START and UNSTOP opt back in, HELP asks for
 * the clinic's name and phone, YES and C confirm.
 */
public final class OptOutWords {

  private static final Set<String> WORDS =
      Set.of("stop", "quit", "end", "revoke", "opt out", "optout", "cancel", "unsubscribe");

  /** The replies that undo an opt-out (carriers' keywords). */
  private static final Set<String> OPT_IN_WORDS = Set.of("start", "unstop");

  /** The replies that confirm the patient's upcoming appointments. */
  private static final Set<String> CONFIRM_WORDS = Set.of("yes", "c");

  private OptOutWords() {}

  /** Whether the reply opts its sender back in: START or UNSTOP. */
  public static boolean isOptIn(String reply) {
    return OPT_IN_WORDS.contains(normalized(reply));
  }

  /** Whether the reply asks for help: HELP (carriers require an answer to it). */
  public static boolean isHelp(String reply) {
    return "help".equals(normalized(reply));
  }

  /** Whether the reply confirms the appointments: YES or C. */
  public static boolean isConfirmation(String reply) {
    return CONFIRM_WORDS.contains(normalized(reply));
  }

  /** Whether the reply opts its sender out. */
  public static boolean isOptOut(String reply) {
    return WORDS.contains(normalized(reply));
  }

  /** The reply as keywords are compared: trimmed, lower case, one space, no closing . or !. */
  private static String normalized(String reply) {
    if (reply == null) {
      return "";
    }
    return reply
        .strip()
        .replaceAll("[.!]+$", "")
        .strip()
        .replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT);
  }
}
