package org.cellpath.scheduling.booking.web;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many manual bookings ({@code POST /api/appointment-pairs}) one scheduler (the token's
 * subject) may attempt per period, under {@code cellpath.scheduling.manual-booking-rate}. Each
 * attempt share-locks slots and tries proposals; a runaway script or a stolen token must not be
 * able to hammer the calendar. Defaults: 30 per minute.
 *
 * @param permits attempts allowed in any period (env {@code MANUAL_BOOKING_RATE_PERMITS})
 * @param period the sliding window (env {@code MANUAL_BOOKING_RATE_PERIOD}, for example {@code 1m})
 */
@ConfigurationProperties("cellpath.scheduling.manual-booking-rate")
record ManualBookingRate(@Nullable Integer permits, @Nullable Duration period) {

  ManualBookingRate {
    permits = permits == null ? 30 : permits;
    period = period == null ? Duration.ofMinutes(1) : period;
    if (permits < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(
          "cellpath.scheduling.manual-booking-rate: permits must be at least 1 and period positive");
    }
  }

  @Override
  public Integer permits() {
    return permits == null ? 30 : permits;
  }

  @Override
  public Duration period() {
    return period == null ? Duration.ofMinutes(1) : period;
  }
}
