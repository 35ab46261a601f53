package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.ConfirmedBy;
import org.cellpath.contracts.SmsConfirmationReceived;
import org.cellpath.domain.RecordNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patient confirms they will come to their pair as it stands: by their link, or by answering
 * YES to an SMS. Once per sequence: a second confirmation of the same times changes nothing and
 * announces nothing.
 */
@Service
public class ConfirmingAppointmentPair {

  private static final Logger log = LoggerFactory.getLogger(ConfirmingAppointmentPair.class);

  private final AppointmentPairs pairs;
  private final Clock clock;

  ConfirmingAppointmentPair(AppointmentPairs pairs, Clock clock) {
    this.pairs = pairs;
    this.clock = clock;
  }

  /**
   * @return the pair, confirmed
   * @throws RecordNotFoundException when the pair does not exist
   * @throws org.cellpath.domain.StateConflictException when it is no longer booked, or one of its
   *     appointments took place or was missed
   */
  @Transactional
  public AppointmentPair confirm(UUID pairId, ConfirmedBy by) {
    AppointmentPair pair =
        pairs
            .lock(pairId)
            .orElseThrow(
                () ->
                    new RecordNotFoundException("Appointment pair " + pairId + " does not exist"));
    PairTransition.Confirmed confirmed = pair.confirm(by, clock.instant());
    pairs.save(confirmed);
    if (!confirmed.events().isEmpty()) {
      log.info(
          "Pair {} of referral {} confirmed at sequence {} ({})",
          pairId,
          pair.referralId(),
          pair.sequence(),
          by);
    }
    return confirmed.pair();
  }

  /**
   * A YES by SMS confirms the pair the SMS was about. A pair that is gone, of another referral, or
   * no longer booked (cancelled, or its harvest already took place) is skipped: the reply came too
   * late, and redelivering it would not change that.
   *
   * @return the confirmed pair, or empty when it was skipped
   */
  @Transactional
  public Optional<AppointmentPair> onSmsReply(SmsConfirmationReceived reply) {
    Optional<AppointmentPair> pair = pairs.lock(reply.pairId());
    if (pair.isEmpty() || !pair.get().referralId().equals(reply.referralId())) {
      log.info(
          "SMS confirmation {} names pair {} of referral {}, which does not exist; skipped",
          reply.eventId(),
          reply.pairId(),
          reply.referralId());
      return Optional.empty();
    }
    if (!pair.get().changeable()) {
      log.info(
          "SMS confirmation {} for pair {} of referral {} skipped: the pair is {}",
          reply.eventId(),
          reply.pairId(),
          reply.referralId(),
          pair.get().status());
      return Optional.empty();
    }
    return Optional.of(confirm(reply.pairId(), ConfirmedBy.SMS_REPLY));
  }
}
