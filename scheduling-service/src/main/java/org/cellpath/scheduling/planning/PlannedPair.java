package org.cellpath.scheduling.planning;

import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The appointments the planner chose for one case.
 *
 * @param harvest the harvest, or null for a donated product, which is injected without one
 */
public record PlannedPair(@Nullable PlannedAppointment harvest, PlannedAppointment injection) {

  /** Harvest first (when there is one), then injection. */
  public List<PlannedAppointment> appointments() {
    return Stream.of(harvest, injection).filter(java.util.Objects::nonNull).toList();
  }
}
