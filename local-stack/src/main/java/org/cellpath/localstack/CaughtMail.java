package org.cellpath.localstack;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message the mail catcher received.
 *
 * @param number its position in arrival order, from 1; stable for the life of the catcher
 * @param receivedAt when it arrived
 * @param from the From header as displayed (with the sender's name), or an empty string
 * @param to the To recipients, bare addresses such as {@code ana@example.org}
 * @param subject the subject, or an empty string
 * @param text the plain-text body (the HTML body if there is no plain one)
 */
public record CaughtMail(
    int number, Instant receivedAt, String from, List<String> to, String subject, String text) {

  public CaughtMail {
    Objects.requireNonNull(receivedAt, "receivedAt");
    from = Objects.requireNonNullElse(from, "");
    to = List.copyOf(to);
    subject = Objects.requireNonNullElse(subject, "");
    text = Objects.requireNonNullElse(text, "");
  }

  /** Leaves the body out: it may hold patient details, and records end up in logs. */
  @Override
  public String toString() {
    return "CaughtMail[#" + number + ", " + receivedAt + "]";
  }
}
