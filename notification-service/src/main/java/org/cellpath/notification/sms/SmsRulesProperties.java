package org.cellpath.notification.sms;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMS rules of {@code docs/domain.md §5}, under {@code cellpath.notifications.sms}.
 *
 * @param windowStart the earliest local time an SMS may reach a patient (08:00)
 * @param windowEnd the local time after which SMS wait for the next morning (21:00); equal to the
 *     start: any time
 * @param perDay SMS per patient per local day (1)
 * @param perWeek SMS per patient in any seven days (3)
 */
@ConfigurationProperties("cellpath.notifications.sms")
public record SmsRulesProperties(
    LocalTime windowStart, LocalTime windowEnd, Integer perDay, Integer perWeek) {

  public SmsRulesProperties {
    windowStart = windowStart == null ? LocalTime.of(8, 0) : windowStart;
    windowEnd = windowEnd == null ? LocalTime.of(21, 0) : windowEnd;
    perDay = perDay == null ? 1 : perDay;
    perWeek = perWeek == null ? 3 : perWeek;
    if (perDay < 0 || perWeek < 0) {
      throw new IllegalArgumentException(
          "cellpath.notifications.sms: per-day and per-week must not be negative");
    }
  }

  SmsWindow window() {
    return new SmsWindow(windowStart, windowEnd);
  }
}
