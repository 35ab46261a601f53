package org.cellpath.referral.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.time.ClinicTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A physician submits a referral: it is stored, dated on the timeline and announced ({@code
 * ReferralSubmitted}) in one transaction. The same {@code Idempotency-Key} returns the referral it
 * created the first time; the same physician, patient, condition and side within 24 hours is
 * refused as a duplicate, naming the first referral.
 */
@Service
public class SubmittingReferral {

  private static final Logger log = LoggerFactory.getLogger(SubmittingReferral.class);

  /**
   * The same physician, patient, condition and side within this window is one referral
   * (docs/domain.md §1).
   */
  static final Duration DUPLICATE_WINDOW = Duration.ofHours(24);

  private final Referrals referrals;
  private final Clock clock;
  private final ZoneId clinicZone;

  SubmittingReferral(Referrals referrals, Clock clock, ClinicTimeZone clinic) {
    this.referrals = referrals;
    this.clock = clock;
    this.clinicZone = clinic.timeZone();
  }

  /** The outcome: the referral's id, and whether this call created it. */
  public record Submission(UUID referralId, boolean created) {}

  /**
   * Submits the referral, or answers with the one it repeats. Submissions of one physician,
   * patient, condition and side run one at a time, whatever their keys: a retry then finds the
   * referral its first attempt stored, and a second submission of the case finds the first as a
   * duplicate, instead of both passing their checks at once.
   */
  @Transactional
  public Submission submit(ReferralDetails details, String idempotencyKey) {
    referrals.lockDuplicateKey(details);
    if (idempotencyKey != null) {
      var existing = referrals.findByIdempotencyKey(idempotencyKey);
      if (existing.isPresent()) {
        return new Submission(existing.get(), false);
      }
    }
    var duplicate = referrals.findDuplicate(details, clock.instant().minus(DUPLICATE_WINDOW));
    if (duplicate.isPresent()) {
      throw new DuplicateReferralException(duplicate.get());
    }
    Referral referral = Referral.submit(UUID.randomUUID(), details, clock.instant(), clinicZone);
    referrals.add(referral, idempotencyKey);
    log.info("Referral {} submitted", referral.id());
    return new Submission(referral.id(), true);
  }
}
