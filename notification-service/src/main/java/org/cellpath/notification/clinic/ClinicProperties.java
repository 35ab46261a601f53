package org.cellpath.notification.clinic;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.clinic}: how the clinic signs its messages. The defaults are in
 * the configuration files (the name and phone in application.yml, the zone, which every service
 * shares, in service-defaults.yml), not here, so that each is written once.
 *
 * @param name shown as the sender name and in every message ({@code CLINIC_NAME})
 * @param phone the number patients call with questions; printed in every message ({@code
 *     CLINIC_PHONE})
 * @param timeZone the zone used for a patient whose own zone is unknown ({@code CLINIC_TIME_ZONE})
 */
@ConfigurationProperties("cellpath.clinic")
public record ClinicProperties(String name, String phone, ZoneId timeZone) {

  public ClinicProperties {
    if (name == null || name.isBlank() || phone == null || phone.isBlank() || timeZone == null) {
      throw new IllegalArgumentException(
          "cellpath.clinic.name, .phone and .time-zone (CLINIC_NAME, CLINIC_PHONE, CLINIC_TIME_ZONE) must be set");
    }
  }
}
