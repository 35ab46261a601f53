package org.cellpath.referral.timeline;

import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.referral.core.Referral;
import org.cellpath.referral.core.ReferralStatus;
import org.cellpath.referral.core.Referrals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Moves a referral's status as scheduling reports on the case. A report that arrives after the referral reached a
 * final status (withdrawn, say) is noted and ignored: scheduling is told of the withdrawal separately.
 */
@Service
class FollowingSchedule {

  private static final Logger log = LoggerFactory.getLogger(FollowingSchedule.class);

  private final Referrals referrals;

  FollowingSchedule(Referrals referrals) {
    this.referrals = referrals;
  }

  void follow(UUID referralId, ReferralStatus reported, String note) {
    Referral referral = referrals.find(referralId)
        .orElseThrow(() -> new RejectedEventException("Referral " + referralId + " is unknown to this service"));
    if (!referral.status().canMoveTo(reported)) {
      log.warn("Referral {} is {}; scheduling's report of {} is ignored", referralId, referral.status(), reported);
      return;
    }
    referral.moveTo(reported);
    referrals.saveTransition(referral, note);
    log.info("Referral {} is {}", referralId, reported);
  }

  static boolean isInjection(AppointmentKind kind) {
    return kind == AppointmentKind.INJECTION;
  }
}
