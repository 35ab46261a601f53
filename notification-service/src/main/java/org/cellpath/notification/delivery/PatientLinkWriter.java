package org.cellpath.notification.delivery;

import java.util.UUID;

/**
 * Mints the patient link a message carries ({@link NewNotification.LinkTo}) at the moment it is
 * sent. The link is put in the text handed to the channel and nowhere else: the stored message
 * keeps {@link NewNotification.LinkTo#PLACEHOLDER}, so no token reaches the database, the delivery
 * log, a log line or a metric.
 */
public interface PatientLinkWriter {

  /**
   * The address the patient opens: {@code <console>/p/<token>} for a pair's pages, {@code
   * <console>/q/<token>} for a questionnaire.
   *
   * @param referralId the referral the link's subject belongs to
   * @param kind the message's kind: a waitlist offer's link opens the offer, a questionnaire's link
   *     the questionnaire, every other one the pair's appointments
   */
  String linkFor(UUID referralId, NewNotification.LinkTo link, MessageKind kind);
}
