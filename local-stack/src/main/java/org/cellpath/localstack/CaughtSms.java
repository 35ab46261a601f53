package org.cellpath.localstack;

import java.time.Instant;
import java.util.Objects;

/**
 * One SMS the SMS catcher accepted.
 *
 * @param number its position in arrival order, from 1
 * @param id the id the catcher answered with, such as {@code sms-1}
 * @param receivedAt when it arrived
 * @param to the recipient as sent (E.164)
 * @param from the sender as sent
 * @param text the message text
 * @param reference the sender's reference (CellPath's notification id)
 */
public record CaughtSms(
    int number,
    String id,
    Instant receivedAt,
    String to,
    String from,
    String text,
    String reference) {

  public CaughtSms {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(receivedAt, "receivedAt");
    to = Objects.requireNonNullElse(to, "");
    from = Objects.requireNonNullElse(from, "");
    text = Objects.requireNonNullElse(text, "");
    reference = Objects.requireNonNullElse(reference, "");
  }

  /** Leaves the number and the text out: they are patient data, and records end up in logs. */
  @Override
  public String toString() {
    return "CaughtSms[#" + number + ", " + id + ", " + receivedAt + "]";
  }
}
