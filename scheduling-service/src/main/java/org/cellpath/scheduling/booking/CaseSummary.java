package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.scheduling.slots.TimeWindow;
import org.jspecify.annotations.Nullable;

/**
 * A scheduling case as schedulers see it: planning facts and status, no patient data.
 *
 * @param offeredUntil for a case with an open waitlist offer (OFFERED): when its hold ends
 */
public record CaseSummary(
    UUID referralId,
    CellSource cellSource,
    CaseStatus status,
    Instant approvedAt,
    @Nullable Instant waitlistedAt,
    @Nullable LocalDate searchedFrom,
    @Nullable LocalDate searchedUntil,
    @Nullable Instant offeredUntil) {

  static CaseSummary of(SchedulingCase schedulingCase) {
    return of(schedulingCase, null);
  }

  static CaseSummary of(SchedulingCase schedulingCase, @Nullable Instant offeredUntil) {
    TimeWindow searched = schedulingCase.lastSearch();
    return new CaseSummary(
        schedulingCase.referralId(),
        schedulingCase.cellSource(),
        schedulingCase.status(),
        schedulingCase.approvedAt(),
        schedulingCase.waitlistedAt(),
        searched == null ? null : searched.from(),
        searched == null ? null : searched.until(),
        offeredUntil);
  }
}
