package org.cellpath.notification.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.cellpath.notification.delivery.ClosedReason;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.delivery.QueuedNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the patient's SMS replies do: an opt-out word stops SMS to the number at once. */
@Service
public class SmsReplies {

  private static final Logger log = LoggerFactory.getLogger(SmsReplies.class);

  private final SmsOptOuts optOuts;
  private final NotificationStore store;
  private final Clock clock;

  SmsReplies(SmsOptOuts optOuts, NotificationStore store, Clock clock) {
    this.optOuts = optOuts;
    this.store = store;
    this.clock = clock;
  }

  /** What a reply led to. */
  public enum Outcome {
    /** The number is opted out (now or before); its waiting SMS go by email, or not at all. */
    OPTED_OUT,
    /** Not an opt-out word: nothing changes (replies are not read by staff here). */
    IGNORED
  }

  /**
   * Handles one reply. For an opt-out, the number is recorded and every SMS still waiting for it is
   * skipped in the same transaction (reminders go by email instead), so no SMS reaches the patient
   * after the reply is accepted.
   */
  @Transactional
  public Outcome reply(String fromPhone, String text) {
    if (!OptOutWords.isOptOut(text)) {
      log.info("SMS reply received; not an opt-out word");
      return Outcome.IGNORED;
    }
    Instant now = clock.instant();
    boolean newly = optOuts.optOut(fromPhone, now);
    List<QueuedNotification> waiting = store.pendingSmsTo(fromPhone);
    for (QueuedNotification sms : waiting) {
      if (sms.expiredAt(now)) {
        // The dispatcher never got to this reminder before its expiry: it goes on no channel.
        store.save(sms.cancel(ClosedReason.EXPIRED, now));
      } else {
        store.save(sms.skip(ClosedReason.SMS_OPTED_OUT, now));
        store.enqueueFallback(sms, now);
      }
    }
    log.info(
        "SMS opt-out received ({}); {} waiting SMS skipped",
        newly ? "new" : "already opted out",
        waiting.size());
    return Outcome.OPTED_OUT;
  }
}
