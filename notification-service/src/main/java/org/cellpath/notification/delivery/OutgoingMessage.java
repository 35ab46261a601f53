package org.cellpath.notification.delivery;

import java.util.UUID;

/**
 * What a channel sends: one rendered message to one address.
 *
 * @param htmlBody the HTML alternative, or null (always null for SMS)
 * @param calendar an iCalendar file to attach, or null (always null for SMS)
 */
public record OutgoingMessage(
    UUID notificationId,
    String address,
    String subject,
    String textBody,
    String htmlBody,
    String calendar) {}
