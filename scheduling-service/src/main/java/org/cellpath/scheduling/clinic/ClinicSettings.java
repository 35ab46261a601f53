package org.cellpath.scheduling.clinic;

import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.clinic}.
 *
 * @param timeZone the zone that decides which calendar day "today" and "the approval day" are
 */
@ConfigurationProperties("cellpath.clinic")
public record ClinicSettings(@Nullable ZoneId timeZone) {

  public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Los_Angeles");

  public ClinicSettings {
    timeZone = timeZone == null ? DEFAULT_ZONE : timeZone;
  }

  @Override
  public ZoneId timeZone() {
    return timeZone == null ? DEFAULT_ZONE : timeZone;
  }
}
