package org.cellpath.scheduling.booking;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side for schedulers: cases, the waitlist and appointment pairs. */
@Service
@Transactional(readOnly = true)
public class SchedulingCaseQueries {

  /** The longest waitlist one request returns. */
  public static final int WAITLIST_PAGE = 500;

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;

  SchedulingCaseQueries(SchedulingCases cases, AppointmentPairs pairs) {
    this.cases = cases;
    this.pairs = pairs;
  }

  public Optional<CaseSummary> schedulingCase(UUID referralId) {
    return cases.find(referralId).map(CaseSummary::of);
  }

  /**
   * The first {@code limit} waiting cases, the longest waiting first (the order they get slots in):
   * waitlisted ones and those with an open offer, with the offer's hold.
   */
  public List<CaseSummary> waitlist(int limit) {
    return cases.waitlist(Math.min(limit, WAITLIST_PAGE)).stream()
        .map(
            waiting ->
                waiting.status() == CaseStatus.OFFERED
                    ? CaseSummary.of(
                        waiting,
                        pairs
                            .activeOf(waiting.referralId())
                            .map(AppointmentPair::offer)
                            .map(AppointmentPair.Offer::holdUntil)
                            .orElse(null))
                    : CaseSummary.of(waiting))
        .toList();
  }

  public Optional<AppointmentPair> pair(UUID pairId) {
    return pairs.find(pairId);
  }

  /** Every pair of the referral, cancelled ones included, oldest first. */
  public List<AppointmentPair> pairsOfReferral(UUID referralId) {
    return pairs.ofReferral(referralId);
  }
}
