package org.cellpath.referral.timeline;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.referral.referral.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the referral's status and timeline current as scheduling reports on the case; the referral
 * decides what a report changes ({@link Referral#recordSchedulingReport}). Duplicates never arrive:
 * the inbox drops them.
 */
@Service
class FollowingSchedule {

  private static final Logger log = LoggerFactory.getLogger(FollowingSchedule.class);

  private final Referrals referrals;

  FollowingSchedule(Referrals referrals) {
    this.referrals = referrals;
  }

  @Transactional
  void follow(UUID referralId, Transition report, Instant at, String note) {
    Referral referral =
        referrals
            .find(referralId)
            .orElseThrow(
                () ->
                    new RejectedEventException(
                        "Referral " + referralId + " is unknown to this service"));
    Referral.ReportOutcome outcome = referral.recordSchedulingReport(report, at, note);
    referrals.save(referral);
    switch (outcome) {
      case FOLLOWED -> log.info("Referral {} is {}", referralId, referral.status());
      case LATE ->
          log.info(
              "Referral {}: an older report of {} arrived late; dated on the timeline only",
              referralId,
              report.target());
      case NOT_FOLLOWED ->
          log.info(
              "Referral {} is {}; scheduling's report of {} is dated on the timeline only",
              referralId,
              referral.status(),
              report.target());
    }
  }

  static boolean isInjection(AppointmentKind kind) {
    return kind == AppointmentKind.INJECTION;
  }
}
