package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.RecordNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedulers record what became of an appointment: it took place (a completed injection starts the
 * follow-up series) or the patient did not come. Either way the appointment keeps its slot, and its
 * outcome is recorded once, and not before the appointment starts by the service's clock; the pair
 * decides ({@link AppointmentPair#complete}, {@link AppointmentPair#noShow}).
 */
@Service
public class RecordingAttendance {

  private static final Logger log = LoggerFactory.getLogger(RecordingAttendance.class);

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;
  private final Clock clock;

  RecordingAttendance(SchedulingCases cases, AppointmentPairs pairs, Clock clock) {
    this.cases = cases;
    this.pairs = pairs;
    this.clock = clock;
  }

  /**
   * @param productLot the donated product's lot: required for the injection of a donated product,
   *     refused otherwise
   * @throws RecordNotFoundException when the appointment does not exist
   * @throws InvalidValueException when the product lot is missing, or given where there is no
   *     donated product
   * @throws org.cellpath.domain.StateConflictException when the pair is cancelled, the outcome is
   *     already recorded, the appointment has not started, or it is an injection whose harvest was
   *     not completed
   */
  @Transactional
  public AppointmentPair completed(UUID appointmentId, @Nullable String productLot) {
    Instant now = clock.instant();
    Attendance attendance = load(appointmentId);
    PairTransition.Attended completed =
        attendance
            .pair()
            .complete(
                appointmentId,
                productLot,
                attendance.schedulingCase().cellSource(),
                attendance.schedulingCase().patient(),
                now);
    pairs.save(completed);
    log.info("Appointment {} of pair {} completed", appointmentId, completed.pair().id());
    return completed.pair();
  }

  /**
   * @throws RecordNotFoundException when the appointment does not exist
   * @throws org.cellpath.domain.StateConflictException when the pair is cancelled, the outcome is
   *     already recorded, or the appointment has not started
   */
  @Transactional
  public AppointmentPair noShow(UUID appointmentId) {
    Instant now = clock.instant();
    PairTransition.Attended missed = load(appointmentId).pair().noShow(appointmentId, now);
    pairs.save(missed);
    log.info("Appointment {} of pair {}: no-show", appointmentId, missed.pair().id());
    return missed.pair();
  }

  /**
   * The appointment's pair and case, locked in the same order as every other change (case, then
   * pair).
   */
  private Attendance load(UUID appointmentId) {
    UUID pairId =
        pairs
            .pairOfAppointment(appointmentId)
            .orElseThrow(
                () ->
                    new RecordNotFoundException(
                        "Appointment " + appointmentId + " does not exist"));
    UUID referralId = pairs.find(pairId).orElseThrow().referralId();
    SchedulingCase schedulingCase = cases.lock(referralId).orElseThrow();
    AppointmentPair pair = pairs.lock(pairId).orElseThrow();
    return new Attendance(schedulingCase, pair);
  }

  private record Attendance(SchedulingCase schedulingCase, AppointmentPair pair) {}
}
