package org.cellpath.scheduling.planning;

import java.time.Instant;
import java.time.LocalDate;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.SchedulingPreferences;
import org.jspecify.annotations.Nullable;

/**
 * What the planner needs to know of a case.
 *
 * @param cellSource an approved source; never {@link CellSource#NO_PREFERENCE}
 * @param approvedAt when the clinician approved the case
 * @param lastCorticosteroidInjection the day of the last corticosteroid injection, or null if none
 */
public record PlanningRequest(
    CellSource cellSource,
    Instant approvedAt,
    @Nullable LocalDate lastCorticosteroidInjection,
    SchedulingPreferences preferences) {

  public PlanningRequest {
    if (cellSource == CellSource.NO_PREFERENCE) {
      throw new IllegalArgumentException("An approved case names its cell source");
    }
    preferences = preferences == null ? SchedulingPreferences.any() : preferences;
  }
}
