package org.cellpath.time;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clinic's time zone ({@code cellpath.clinic.time-zone}, env {@code CLINIC_TIME_ZONE}; its
 * default is in {@code service-defaults.yml}): which calendar day "today", "the approval day" and a
 * clinic day are, and the patient's zone when the referral gives none. Instants stay in UTC; only
 * days are read in this zone.
 */
@ConfigurationProperties("cellpath.clinic")
public record ClinicTimeZone(ZoneId timeZone) {

  public ClinicTimeZone {
    if (timeZone == null) {
      throw new IllegalArgumentException("cellpath.clinic.time-zone (CLINIC_TIME_ZONE) is not set");
    }
  }
}
