package org.cellpath.notification.clinic;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.clinic}: how the clinic signs its messages.
 *
 * @param name shown as the sender name and in every message
 * @param phone the number patients call with questions; printed in every message
 * @param timeZone the zone used for a patient whose own zone is unknown
 */
@ConfigurationProperties("cellpath.clinic")
public record ClinicProperties(String name, String phone, ZoneId timeZone) {

  public ClinicProperties {
    name = name == null || name.isBlank() ? "CellPath Foot & Ankle Clinic" : name;
    phone = phone == null || phone.isBlank() ? "+1 555 010 0100" : phone;
    timeZone = timeZone == null ? ZoneId.of("America/Los_Angeles") : timeZone;
  }
}
