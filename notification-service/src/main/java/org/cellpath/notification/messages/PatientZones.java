package org.cellpath.notification.messages;

import java.time.DateTimeException;
import java.time.ZoneId;

/** The zone a patient lives in, for message times, the SMS window and due days. */
final class PatientZones {

  private PatientZones() {}

  /**
   * The first candidate that is a valid IANA zone id (the patient's own zone, then the site's),
   * else the fallback (the clinic's zone).
   */
  static ZoneId of(ZoneId fallback, String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        try {
          return ZoneId.of(candidate.strip());
        } catch (DateTimeException unknownZone) {
          // try the next one
        }
      }
    }
    return fallback;
  }
}
