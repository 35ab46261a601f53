package org.cellpath.referral.intake.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code cellpath.referrals.submission-rate}: how many referrals one caller (the
 * token's subject) may submit per period before the next is answered 429 with {@code Retry-After}.
 *
 * @param permits submissions per period (env {@code REFERRAL_SUBMISSION_RATE_PERMITS}, default 30)
 * @param period the period (env {@code REFERRAL_SUBMISSION_RATE_PERIOD}, default 1m)
 */
@ConfigurationProperties("cellpath.referrals.submission-rate")
record SubmissionRate(@DefaultValue("30") int permits, @DefaultValue("1m") Duration period) {

  SubmissionRate {
    if (permits < 1 || period == null || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException(
          "cellpath.referrals.submission-rate: permits must be at least 1 and period positive");
    }
  }
}
