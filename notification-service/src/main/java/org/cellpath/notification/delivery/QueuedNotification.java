package org.cellpath.notification.delivery;

import java.util.UUID;
import org.cellpath.contracts.ContactChannel;

/** A due message claimed by the dispatcher, locked for the claiming transaction. */
record QueuedNotification(
    UUID id,
    UUID referralId,
    MessageKind kind,
    RecipientRole recipientRole,
    ContactChannel channel,
    String address,
    String subject,
    String textBody,
    String htmlBody,
    int attempts) {

  OutgoingMessage toOutgoing() {
    return new OutgoingMessage(id, address, subject, textBody, htmlBody, null);
  }
}
