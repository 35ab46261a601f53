package org.cellpath.contracts;

/** Events published by notification-service on {@link Topics#NOTIFICATION_EVENTS}. */
public sealed interface NotificationEvent extends CellPathEvent
    permits NotificationSent, NotificationFailed, SmsConfirmationReceived {}
