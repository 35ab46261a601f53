package org.cellpath.console.physician;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

/**
 * The patient's time zone, as a list to choose from: the zones of the United States first (east to
 * west, then the territories), then every other IANA zone in name order.
 */
final class TimeZones {

  static final List<String> US =
      List.of(
          "America/New_York",
          "America/Chicago",
          "America/Denver",
          "America/Phoenix",
          "America/Los_Angeles",
          "America/Anchorage",
          "Pacific/Honolulu",
          "America/Puerto_Rico",
          "Pacific/Guam");

  static final List<String> LIST =
      Stream.concat(
              US.stream(),
              ZoneId.getAvailableZoneIds().stream()
                  .filter(zone -> !zone.startsWith("SystemV/"))
                  .filter(zone -> !US.contains(zone))
                  .sorted())
          .toList();

  private TimeZones() {}
}
