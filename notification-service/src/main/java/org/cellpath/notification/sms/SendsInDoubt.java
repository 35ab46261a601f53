package org.cellpath.notification.sms;

import java.util.UUID;

/**
 * Where an SMS about to be handed to the provider is noted as possibly sent, and where the sending
 * transaction's outcome closes that note ({@link SmsAttempts}; docs/notifications.md, "SMS caps and
 * a crash mid-send").
 */
interface SendsInDoubt {

  /** Noted, and committed, before the provider is called. */
  void beforeTheProvider(UUID notificationId);

  /** In the sending transaction, whatever the provider answered. */
  void resolved(UUID notificationId);
}
