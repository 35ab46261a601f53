package org.cellpath.notification.delivery;

import java.util.Objects;

/**
 * A message as the recipient will read it, rendered when it is queued.
 *
 * @param htmlBody the HTML alternative of an email, or null for channels without one
 * @param calendar an iCalendar (RFC 5545) file to attach to an email, or null; its METHOD says
 *     whether it books or cancels
 */
public record RenderedMessage(String subject, String textBody, String htmlBody, String calendar) {

  public RenderedMessage {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(textBody, "textBody");
  }

  /** A message without a calendar file. */
  public RenderedMessage(String subject, String textBody, String htmlBody) {
    this(subject, textBody, htmlBody, null);
  }
}
