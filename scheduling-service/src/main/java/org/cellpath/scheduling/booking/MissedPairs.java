package org.cellpath.scheduling.booking;

import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Ends a case's pair after a no-show, so that the case can be booked again or returned: a missed
 * pair stays booked (its other appointment still holds its slot) until a scheduler decides what
 * comes next (docs/domain.md §8.5).
 */
@Component
class MissedPairs {

  private final AppointmentPairs pairs;
  private final SchedulingCases cases;

  MissedPairs(AppointmentPairs pairs, SchedulingCases cases) {
    this.pairs = pairs;
    this.cases = cases;
  }

  /**
   * The case, locked by the caller, as it stands once a missed pair is ended: CANCELLED, with the
   * pair's appointments still ahead cancelled and their slots freed. Any other case is returned as
   * it is.
   */
  SchedulingCase endIfMissed(SchedulingCase locked, Instant now) {
    if (locked.status() != CaseStatus.BOOKED) {
      return locked;
    }
    var active = pairs.activeOf(locked.referralId());
    if (active.isEmpty() || !active.get().missed()) {
      return locked;
    }
    AppointmentPair pair = pairs.lock(active.get().id()).orElseThrow();
    pairs.save(pair.endAfterNoShow(locked.patient(), now));
    SchedulingCase ended = locked.cancelled();
    cases.save(ended);
    return ended;
  }
}
