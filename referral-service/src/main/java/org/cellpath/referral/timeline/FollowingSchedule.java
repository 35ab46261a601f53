package org.cellpath.referral.timeline;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.ReferralStatusChanged;
import org.cellpath.messaging.Outbox;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.referral.core.Referral;
import org.cellpath.referral.core.ReferralStatus;
import org.cellpath.referral.core.Referrals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the referral's status and timeline current as scheduling reports on the case. A report is dated on the
 * timeline at the time scheduling made it, and only the newest report sets the status, so the timeline and the
 * status are the same whatever order reports arrive in (duplicates never arrive: the inbox drops them). The
 * physician is told of each newest report.
 */
@Service
class FollowingSchedule {

  private static final Logger log = LoggerFactory.getLogger(FollowingSchedule.class);
  /** Statuses scheduling's reports may replace; a decision or withdrawal by people stands. */
  private static final Set<ReferralStatus> FOLLOWS_SCHEDULING = EnumSet.of(ReferralStatus.APPROVED,
      ReferralStatus.WAITLISTED, ReferralStatus.SCHEDULED, ReferralStatus.RESCHEDULED, ReferralStatus.CANCELLED,
      ReferralStatus.COMPLETED, ReferralStatus.NO_SHOW);

  private final Referrals referrals;
  private final Outbox outbox;

  FollowingSchedule(Referrals referrals, Outbox outbox) {
    this.referrals = referrals;
    this.outbox = outbox;
  }

  @Transactional
  void follow(UUID referralId, ReferralStatus reported, Instant at, String note) {
    Referral referral = referrals.find(referralId)
        .orElseThrow(() -> new RejectedEventException("Referral " + referralId + " is unknown to this service"));
    boolean newest = referrals.latestSchedulingReport(referralId).map(latest -> !at.isBefore(latest)).orElse(true);
    referrals.recordSchedulingReport(referralId, reported, at, note);
    if (!newest) {
      log.info("Referral {}: an older report of {} arrived late; dated on the timeline only", referralId, reported);
      return;
    }
    if (!FOLLOWS_SCHEDULING.contains(referral.status())) {
      log.info("Referral {} is {}; scheduling's report of {} is dated on the timeline only", referralId,
          referral.status(), reported);
      return;
    }
    if (referral.status() != reported) {
      referrals.saveReportedStatus(referral, reported);
    }
    outbox.append(new ReferralStatusChanged(UUID.randomUUID(), referralId, at, reported.name(), note,
        referral.details().physician().contact()));
    log.info("Referral {} is {}", referralId, reported);
  }

  static boolean isInjection(AppointmentKind kind) {
    return kind == AppointmentKind.INJECTION;
  }
}
