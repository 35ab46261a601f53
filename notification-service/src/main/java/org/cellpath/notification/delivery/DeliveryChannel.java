package org.cellpath.notification.delivery;

import org.cellpath.contracts.ContactChannel;

/**
 * Hands a message to one kind of provider (an SMTP server, an SMS provider). A channel sends or
 * throws; it never retries, waits or records anything itself: the dispatcher decides what a failure
 * means.
 */
public interface DeliveryChannel {

  /** The channel this provider serves; one provider per channel. */
  ContactChannel channel();

  /**
   * Sends the message once.
   *
   * @throws DeliveryException when the provider did not accept it, with the code that says whether
   *     to retry
   */
  void send(OutgoingMessage message) throws DeliveryException;
}
