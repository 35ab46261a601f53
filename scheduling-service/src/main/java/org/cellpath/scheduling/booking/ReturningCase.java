package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.ReturnReason;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.domain.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A scheduler closes a case that cannot go on (its pair was missed or cancelled, or it waits on the
 * waitlist) and returns it to the referring physician with a reason (docs/domain.md §8.5). The case
 * is never booked again; a missed pair is ended first, so that the slots it still held go free.
 */
@Service
public class ReturningCase {

  private static final Logger log = LoggerFactory.getLogger(ReturningCase.class);

  private final SchedulingCases cases;
  private final MissedPairs missedPairs;
  private final Clock clock;

  ReturningCase(SchedulingCases cases, MissedPairs missedPairs, Clock clock) {
    this.cases = cases;
    this.missedPairs = missedPairs;
    this.clock = clock;
  }

  /**
   * @throws RecordNotFoundException when the referral has no scheduling case
   * @throws StateConflictException when the case has a pair still booked (cancel it first), or was
   *     already returned or withdrawn
   */
  @Transactional
  public CaseStatus returnToReferrer(UUID referralId, ReturnReason reason) {
    Instant now = clock.instant();
    SchedulingCase locked =
        cases
            .lock(referralId)
            .orElseThrow(
                () ->
                    new RecordNotFoundException(
                        "Referral " + referralId + " has no scheduling case"));
    SchedulingCase schedulingCase = missedPairs.endIfMissed(locked, now);
    if (!schedulingCase.returnable()) {
      throw new StateConflictException(refusal(schedulingCase));
    }
    SchedulingCase.Returned returned = schedulingCase.returned(reason, now);
    cases.saveReturned(returned.schedulingCase(), reason, returned.events());
    log.info("Referral {} returned to the referring physician ({})", referralId, reason);
    return returned.schedulingCase().status();
  }

  private static String refusal(SchedulingCase schedulingCase) {
    return switch (schedulingCase.status()) {
      case BOOKED ->
          "The case has a booked appointment pair. Cancel the pair first, then return the case.";
      case RETURNED -> "The case was already returned to the referring physician.";
      case WITHDRAWN -> "The referral was withdrawn; there is no case to return.";
      default -> "A case in status " + schedulingCase.status() + " cannot be returned.";
    };
  }
}
