package org.cellpath.referral.surveys;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests one link may make per period, under {@code cellpath.self-service.link-rate}
 * (the same settings as scheduling-service's patient pages).
 *
 * @param permits requests allowed in any period (env {@code PATIENT_LINK_RATE_PERMITS})
 * @param period the sliding window (env {@code PATIENT_LINK_RATE_PERIOD})
 */
@ConfigurationProperties("cellpath.self-service.link-rate")
public record SurveyLinkRate(@Nullable Integer permits, @Nullable Duration period) {

  public SurveyLinkRate {
    permits = permits == null ? 30 : permits;
    period = period == null ? Duration.ofMinutes(10) : period;
    if (permits < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(
          "cellpath.self-service.link-rate: permits must be at least 1 and period positive");
    }
  }
}
