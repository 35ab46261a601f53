package org.cellpath.notification.delivery;

import java.util.Objects;

/**
 * A message as the recipient will read it, rendered when it is queued.
 *
 * @param htmlBody the HTML alternative of an email, or null for channels without one
 */
public record RenderedMessage(String subject, String textBody, String htmlBody) {

  public RenderedMessage {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(textBody, "textBody");
  }
}
