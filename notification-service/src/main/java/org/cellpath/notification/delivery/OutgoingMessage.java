package org.cellpath.notification.delivery;

import java.util.UUID;

/** What a channel sends: one rendered message to one address. */
public record OutgoingMessage(UUID notificationId, String address, String subject, String textBody,
    String htmlBody) {}
