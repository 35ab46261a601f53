package org.cellpath.referral.referral;

import static org.cellpath.referral.referral.ReferralStatus.APPROVED;
import static org.cellpath.referral.referral.ReferralStatus.CANCELLED;
import static org.cellpath.referral.referral.ReferralStatus.COMPLETED;
import static org.cellpath.referral.referral.ReferralStatus.DECLINED;
import static org.cellpath.referral.referral.ReferralStatus.INFO_REQUESTED;
import static org.cellpath.referral.referral.ReferralStatus.NO_SHOW;
import static org.cellpath.referral.referral.ReferralStatus.RESCHEDULED;
import static org.cellpath.referral.referral.ReferralStatus.RETURNED;
import static org.cellpath.referral.referral.ReferralStatus.SCHEDULED;
import static org.cellpath.referral.referral.ReferralStatus.SUBMITTED;
import static org.cellpath.referral.referral.ReferralStatus.UNDER_REVIEW;
import static org.cellpath.referral.referral.ReferralStatus.WAITLISTED;
import static org.cellpath.referral.referral.ReferralStatus.WITHDRAWN;

import java.util.EnumSet;
import java.util.Set;

/**
 * The referral's status table, the one place that says which status may go to which and by which
 * transition (docs/domain.md §6). {@link Referral} checks every change against it.
 */
public enum Transition {
  /** The pre-screen ran; an amended referral is under review already and stays so. */
  OPEN_REVIEW(UNDER_REVIEW, EnumSet.of(SUBMITTED, UNDER_REVIEW)),
  APPROVE(APPROVED, EnumSet.of(UNDER_REVIEW)),
  DECLINE(DECLINED, EnumSet.of(UNDER_REVIEW)),
  REQUEST_INFORMATION(INFO_REQUESTED, EnumSet.of(UNDER_REVIEW)),
  /** The physician's answer to an information request; one answer per request. */
  AMEND(UNDER_REVIEW, EnumSet.of(INFO_REQUESTED)),
  /**
   * At any point before the case ends. A pair the clinic cancelled does not end the case: it waits
   * for a pair booked by hand (docs/domain.md §4), so a cancelled case may still be withdrawn.
   */
  WITHDRAW(
      WITHDRAWN,
      EnumSet.of(
          SUBMITTED,
          UNDER_REVIEW,
          INFO_REQUESTED,
          APPROVED,
          WAITLISTED,
          SCHEDULED,
          RESCHEDULED,
          NO_SHOW,
          CANCELLED)),
  REPORT_WAITLISTED(WAITLISTED, Reports.FOLLOW),
  REPORT_BOOKED(SCHEDULED, Reports.FOLLOW),
  REPORT_MOVED(RESCHEDULED, Reports.FOLLOW),
  REPORT_CANCELLED(CANCELLED, Reports.FOLLOW),
  REPORT_COMPLETED(COMPLETED, Reports.FOLLOW),
  REPORT_NO_SHOW(NO_SHOW, Reports.FOLLOW),
  /**
   * Scheduling closed the case and returned it to the physician: after a missed or cancelled pair,
   * or from the waitlist (docs/domain.md §8.5). Final: no transition leads from RETURNED, so later
   * reports are dated on the timeline only.
   */
  REPORT_RETURNED(RETURNED, EnumSet.of(NO_SHOW, CANCELLED, WAITLISTED, APPROVED), true);

  private final ReferralStatus target;
  private final Set<ReferralStatus> from;
  private final boolean schedulingReport;

  Transition(ReferralStatus target, Set<ReferralStatus> from) {
    this(target, from, from == Reports.FOLLOW);
  }

  Transition(ReferralStatus target, Set<ReferralStatus> from, boolean schedulingReport) {
    this.target = target;
    this.from = from;
    this.schedulingReport = schedulingReport;
  }

  /** The status the transition leads to. */
  public ReferralStatus target() {
    return target;
  }

  public boolean leadsFrom(ReferralStatus status) {
    return from.contains(status);
  }

  /**
   * Whether scheduling reports this transition (the newest report sets the status, see {@link
   * Referral}).
   */
  public boolean isSchedulingReport() {
    return schedulingReport;
  }

  private static final class Reports {
    /**
     * The statuses scheduling's reports replace: once approved, scheduling is where the case
     * stands. A decision or a withdrawal by people stands, so reports on a declined or withdrawn
     * case are dated only.
     */
    static final Set<ReferralStatus> FOLLOW =
        EnumSet.of(APPROVED, WAITLISTED, SCHEDULED, RESCHEDULED, CANCELLED, COMPLETED, NO_SHOW);
  }
}
