package org.cellpath.scheduling.selfservice;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The patient's pages, under {@code cellpath.self-service}.
 *
 * @param clinicName the organizer of the calendar file (env {@code CLINIC_NAME})
 * @param clinicPhone the number the calendar file says to call (env {@code CLINIC_PHONE})
 * @param clinicEmail the organizer's address in the calendar file (env {@code MAIL_FROM})
 * @param linkRate how many requests one link may make per period
 */
@ConfigurationProperties("cellpath.self-service")
public record SelfServiceProperties(
    @Nullable String clinicName,
    @Nullable String clinicPhone,
    @Nullable String clinicEmail,
    @Nullable LinkRate linkRate) {

  /**
   * @param permits requests allowed in any period (env {@code PATIENT_LINK_RATE_PERMITS})
   * @param period the sliding window (env {@code PATIENT_LINK_RATE_PERIOD})
   */
  public record LinkRate(@Nullable Integer permits, @Nullable Duration period) {

    public LinkRate {
      permits = permits == null ? 30 : permits;
      period = period == null ? Duration.ofMinutes(10) : period;
      if (permits < 1 || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException(
            "cellpath.self-service.link-rate: permits must be at least 1 and period" + " positive");
      }
    }
  }

  public SelfServiceProperties {
    clinicName = clinicName == null ? "CellPath Foot & Ankle Clinic" : clinicName;
    clinicPhone = clinicPhone == null ? "+1 555 010 0100" : clinicPhone;
    clinicEmail = clinicEmail == null ? "care@cellpath-clinic.example" : clinicEmail;
    linkRate = linkRate == null ? new LinkRate(null, null) : linkRate;
  }
}
