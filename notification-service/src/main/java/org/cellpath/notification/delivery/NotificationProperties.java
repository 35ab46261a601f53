package org.cellpath.notification.delivery;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.notifications} (the SMS rules under {@code
 * cellpath.notifications.sms} are {@code sms.SmsRulesProperties}).
 *
 * @param from the sender address of every email
 * @param dispatch how the queue is worked through and how failures are retried
 */
@ConfigurationProperties("cellpath.notifications")
public record NotificationProperties(String from, Dispatch dispatch, Reminders reminders) {

  public NotificationProperties {
    from = from == null || from.isBlank() ? "care@cellpath-clinic.example" : from;
    dispatch =
        dispatch == null ? new Dispatch(null, null, null, null, null, null, null, null) : dispatch;
    reminders = reminders == null ? new Reminders(null) : reminders;
  }

  /**
   * When reminders and follow-ups are due.
   *
   * @param sendAt the patient's local time of day reminders and follow-ups are due on their day
   *     (10:00)
   */
  public record Reminders(LocalTime sendAt) {

    public Reminders {
      sendAt = sendAt == null ? LocalTime.of(10, 0) : sendAt;
    }
  }

  /**
   * @param pollInterval how often the dispatcher looks for due messages when nothing woke it up
   * @param batchSize messages sent per round before the dispatcher looks again
   * @param maxAttempts attempts after which a message that keeps failing is marked FAILED
   * @param backOffInitial the wait after the first failed attempt
   * @param backOffMultiplier how much each further wait grows
   * @param backOffMax the longest wait between two attempts
   * @param retryAfterMax the longest wait a provider may ask for ({@code Retry-After}) that is
   *     honoured; a longer one is cut to this, so that a provider's mistake cannot park a message
   *     for years
   * @param threads dispatcher threads per instance: sending waits on the provider, so a few overlap
   *     well; each message is claimed with a row lock, so no two threads send the same one
   */
  public record Dispatch(
      Duration pollInterval,
      Integer batchSize,
      Integer maxAttempts,
      Duration backOffInitial,
      Double backOffMultiplier,
      Duration backOffMax,
      Duration retryAfterMax,
      Integer threads) {

    public Dispatch {
      pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
      batchSize = batchSize == null ? 20 : batchSize;
      maxAttempts = maxAttempts == null ? 10 : maxAttempts;
      backOffInitial = backOffInitial == null ? Duration.ofSeconds(30) : backOffInitial;
      backOffMultiplier = backOffMultiplier == null ? 2.0 : backOffMultiplier;
      backOffMax = backOffMax == null ? Duration.ofHours(1) : backOffMax;
      retryAfterMax = retryAfterMax == null ? Duration.ofHours(1) : retryAfterMax;
      threads = threads == null ? 8 : threads;
      if (maxAttempts < 1 || batchSize < 1 || backOffMultiplier < 1.0 || threads < 1) {
        throw new IllegalArgumentException(
            "cellpath.notifications.dispatch: max-attempts, batch-size and threads must be at least 1, "
                + "back-off-multiplier at least 1.0");
      }
      if (retryAfterMax.isNegative() || retryAfterMax.isZero()) {
        throw new IllegalArgumentException(
            "cellpath.notifications.dispatch: retry-after-max must be positive");
      }
    }

    RetrySchedule retrySchedule() {
      return new RetrySchedule(backOffInitial, backOffMultiplier, backOffMax, maxAttempts);
    }
  }
}
