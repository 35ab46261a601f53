package org.cellpath.referral.timeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.referral.referral.TimelineDetail;
import org.cellpath.referral.referral.Transition;
import org.jspecify.annotations.Nullable;
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

  /** Records the report; what became of it, so that the questionnaires follow only the newest. */
  @Transactional
  Referral.ReportOutcome follow(
      UUID referralId,
      Transition report,
      Instant at,
      String note,
      @Nullable TimelineDetail detail) {
    Referral referral = known(referralId);
    Referral.ReportOutcome outcome = referral.recordSchedulingReport(report, at, note, detail);
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
    return outcome;
  }

  /** Dates a report that changes no status (a confirmation, a harvest done) on the timeline. */
  @Transactional
  void note(UUID referralId, Instant at, String note, TimelineDetail detail) {
    Referral referral = known(referralId);
    referral.recordSchedulingNote(at, note, detail);
    referrals.save(referral);
    log.info("Referral {}: {} dated on the timeline", referralId, detail.happening());
  }

  private Referral known(UUID referralId) {
    return referrals
        .find(referralId)
        .orElseThrow(
            () ->
                new RejectedEventException(
                    "Referral " + referralId + " is unknown to this service"));
  }

  /** The appointments as the physician's timeline keeps them: time and place, no patient. */
  static TimelineDetail detail(TimelineDetail.Happening happening, List<Appointment> appointments) {
    return new TimelineDetail(
        happening,
        null,
        appointments.stream()
            .map(
                a ->
                    new TimelineDetail.AppointmentOnTimeline(
                        a.kind().name(),
                        a.startsAt(),
                        a.endsAt(),
                        a.timeZone(),
                        a.siteName(),
                        a.siteAddress(),
                        a.roomName(),
                        a.clinicianName()))
            .toList());
  }

  static boolean isInjection(AppointmentKind kind) {
    return kind == AppointmentKind.INJECTION;
  }
}
