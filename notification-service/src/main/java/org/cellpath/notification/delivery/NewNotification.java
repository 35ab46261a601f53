package org.cellpath.notification.delivery;

import java.util.Objects;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;

/**
 * A message to queue because of an event.
 *
 * @param eventId the event that caused it; with kind and recipient role, what makes it unique
 * @param address where to send it on the channel, or null when the recipient gave none
 * @param language the language it was rendered in ({@code en}, {@code es})
 */
public record NewNotification(
    UUID eventId,
    UUID referralId,
    MessageKind kind,
    RecipientRole recipientRole,
    ContactChannel channel,
    String address,
    String language,
    RenderedMessage content) {

  public NewNotification {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(referralId, "referralId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(recipientRole, "recipientRole");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(content, "content");
    address = address == null || address.isBlank() ? null : address.strip();
  }
}
