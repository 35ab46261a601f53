package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentNoShow;
import org.cellpath.messaging.Outbox;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.RecordNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedulers record what became of an appointment: it took place (a completed injection starts the follow-up
 * series) or the patient did not come. Either way the appointment keeps its slot, and its outcome is recorded once,
 * and not before the appointment starts by the service's clock; the pair decides ({@link AppointmentPair#completable},
 * {@link AppointmentPair#missable}).
 */
@Service
public class RecordingAttendance {

  private static final Logger log = LoggerFactory.getLogger(RecordingAttendance.class);

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;
  private final Outbox outbox;
  private final Clock clock;

  RecordingAttendance(SchedulingCases cases, AppointmentPairs pairs, Outbox outbox, Clock clock) {
    this.cases = cases;
    this.pairs = pairs;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * @param productLot the donated product's lot: required for the injection of a donated product, refused otherwise
   * @throws RecordNotFoundException when the appointment does not exist
   * @throws InvalidValueException when the product lot is missing, or given where there is no donated product
   * @throws org.cellpath.domain.StateConflictException when the pair is cancelled, the outcome is already recorded, the
   *     appointment has not started, or it is an injection whose harvest was not completed
   */
  @Transactional
  public AppointmentPair completed(UUID appointmentId, @Nullable String productLot) {
    Instant now = clock.instant();
    Attendance attendance = load(appointmentId, pair -> pair.completable(appointmentId, now));
    boolean needsLot = !attendance.schedulingCase().cellSource().isAutologous()
        && attendance.appointment().kind() == AppointmentKind.INJECTION;
    String lot = productLot == null || productLot.isBlank() ? null : productLot.strip();
    if (needsLot && lot == null) {
      throw new InvalidValueException("productLot", "required for the injection of a donated product ("
          + attendance.schedulingCase().cellSource() + ")");
    }
    if (!needsLot && lot != null) {
      throw new InvalidValueException("productLot", "only the injection of a donated product has a product lot");
    }
    pairs.recordAttendance(appointmentId, BookingStatus.COMPLETED, lot, now);
    AppointmentPair pair = attendance.pair();
    outbox.append(new AppointmentCompleted(UUID.randomUUID(), pair.referralId(), now, pair.id(),
        attendance.appointment().toContract(), lot, attendance.schedulingCase().patient()));
    log.info("Appointment {} ({}) of pair {} completed", appointmentId, attendance.appointment().kind(), pair.id());
    return pairs.find(pair.id()).orElseThrow();
  }

  /**
   * @throws RecordNotFoundException when the appointment does not exist
   * @throws org.cellpath.domain.StateConflictException when the pair is cancelled, the outcome is already recorded, or the
   *     appointment has not started
   */
  @Transactional
  public AppointmentPair noShow(UUID appointmentId) {
    Instant now = clock.instant();
    Attendance attendance = load(appointmentId, pair -> pair.missable(appointmentId, now));
    pairs.recordAttendance(appointmentId, BookingStatus.NO_SHOW, null, now);
    AppointmentPair pair = attendance.pair();
    outbox.append(new AppointmentNoShow(UUID.randomUUID(), pair.referralId(), now, pair.id(),
        attendance.appointment().toContract()));
    log.info("Appointment {} ({}) of pair {}: no-show", appointmentId, attendance.appointment().kind(), pair.id());
    return pairs.find(pair.id()).orElseThrow();
  }

  /**
   * The appointment with its pair and case, locked in the same order as every other change (case, then pair), as
   * the pair lets it be recorded ({@code allowed} refuses otherwise).
   */
  private Attendance load(UUID appointmentId, Function<AppointmentPair, BookedAppointment> allowed) {
    UUID pairId = pairs.pairOfAppointment(appointmentId)
        .orElseThrow(() -> new RecordNotFoundException("Appointment " + appointmentId + " does not exist"));
    UUID referralId = pairs.find(pairId).orElseThrow().referralId();
    SchedulingCase schedulingCase = cases.lock(referralId).orElseThrow();
    AppointmentPair pair = pairs.lock(pairId).orElseThrow();
    return new Attendance(schedulingCase, pair, allowed.apply(pair));
  }

  private record Attendance(SchedulingCase schedulingCase, AppointmentPair pair, BookedAppointment appointment) {}
}
