package org.cellpath.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the patient's SMS replies do: an opt-out word stops SMS to the number at once. */
@Service
public class SmsReplies {

  private static final Logger log = LoggerFactory.getLogger(SmsReplies.class);

  private final SmsOptOuts optOuts;
  private final NotificationQueue queue;
  private final Clock clock;

  SmsReplies(SmsOptOuts optOuts, NotificationQueue queue, Clock clock) {
    this.optOuts = optOuts;
    this.queue = queue;
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
   * Handles one reply. For an opt-out, the number is recorded and every SMS still waiting for it is skipped in the
   * same transaction (reminders go by email instead), so no SMS reaches the patient after the reply is accepted.
   */
  @Transactional
  public Outcome reply(String fromPhone, String text) {
    if (!OptOutWords.isOptOut(text)) {
      log.info("SMS reply received; not an opt-out word");
      return Outcome.IGNORED;
    }
    Instant now = clock.instant();
    boolean newly = optOuts.optOut(fromPhone, now);
    int skipped = queue.skipPendingSms(fromPhone, ClosedReason.SMS_OPTED_OUT, now);
    log.info("SMS opt-out received ({}); {} waiting SMS skipped", newly ? "new" : "already opted out", skipped);
    return Outcome.OPTED_OUT;
  }
}
