package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.scheduling.planning.PairPlanner;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts cases straight on the waitlist, as if their approval had found no slots earlier today, for
 * tests that need a case a scheduler can book by hand without waiting for the broker.
 */
public final class WaitlistedCases {

  private final SchedulingCases cases;
  private final PairPlanner planner;
  private final TransactionTemplate transactions;

  public WaitlistedCases(ApplicationContext context) {
    this.cases = context.getBean(SchedulingCases.class);
    this.planner = context.getBean(PairPlanner.class);
    this.transactions = context.getBean(TransactionTemplate.class);
  }

  /** The approved referral's case, waitlisted now; returns its referral id. */
  public UUID waitlisted(ReferralApproved approved) {
    SchedulingCase opened =
        SchedulingCase.approved(
            approved.referralId(),
            approved.eventId(),
            approved.occurredAt(),
            approved.cellSource(),
            approved.lastCorticosteroidInjection(),
            approved.preferences(),
            approved.patient());
    Instant now = Instant.now();
    transactions.executeWithoutResult(
        status -> {
          cases.insertIfAbsent(opened);
          cases.save(opened.waitlisted(planner.searchWindow(opened.planningRequest(), now), now));
        });
    return approved.referralId();
  }
}
