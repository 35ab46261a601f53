package org.cellpath.notification.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.notifications}.
 *
 * @param from the sender address of every email
 * @param dispatch how the queue is worked through and how failures are retried
 */
@ConfigurationProperties("cellpath.notifications")
public record NotificationProperties(String from, Dispatch dispatch) {

  public NotificationProperties {
    from = from == null || from.isBlank() ? "care@cellpath-clinic.example" : from;
    dispatch = dispatch == null ? new Dispatch(null, null, null, null, null, null) : dispatch;
  }

  /**
   * @param pollInterval how often the dispatcher looks for due messages when nothing woke it up
   * @param batchSize messages sent per round before the dispatcher looks again
   * @param maxAttempts attempts after which a message that keeps failing is marked FAILED
   * @param backOffInitial the wait after the first failed attempt
   * @param backOffMultiplier how much each further wait grows
   * @param backOffMax the longest wait between two attempts
   */
  public record Dispatch(Duration pollInterval, Integer batchSize, Integer maxAttempts, Duration backOffInitial,
      Double backOffMultiplier, Duration backOffMax) {

    public Dispatch {
      pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
      batchSize = batchSize == null ? 20 : batchSize;
      maxAttempts = maxAttempts == null ? 10 : maxAttempts;
      backOffInitial = backOffInitial == null ? Duration.ofSeconds(30) : backOffInitial;
      backOffMultiplier = backOffMultiplier == null ? 2.0 : backOffMultiplier;
      backOffMax = backOffMax == null ? Duration.ofHours(1) : backOffMax;
      if (maxAttempts < 1 || batchSize < 1 || backOffMultiplier < 1.0) {
        throw new IllegalArgumentException(
            "cellpath.notifications.dispatch: max-attempts and batch-size must be at least 1, "
                + "back-off-multiplier at least 1.0");
      }
    }

    RetrySchedule retrySchedule() {
      return new RetrySchedule(backOffInitial, backOffMultiplier, backOffMax, maxAttempts);
    }
  }
}
