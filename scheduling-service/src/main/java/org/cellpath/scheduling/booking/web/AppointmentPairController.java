package org.cellpath.scheduling.booking.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.audit.AuditTarget;
import org.cellpath.audit.RequestAudit;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.ReturnReason;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.scheduling.audit.SchedulingAction;
import org.cellpath.scheduling.booking.AppointmentPair;
import org.cellpath.scheduling.booking.BookedAppointment;
import org.cellpath.scheduling.booking.BookingAppointmentPair;
import org.cellpath.scheduling.booking.BookingStatus;
import org.cellpath.scheduling.booking.CancellingAppointmentPair;
import org.cellpath.scheduling.booking.CaseStatus;
import org.cellpath.scheduling.booking.CaseSummary;
import org.cellpath.scheduling.booking.RecordingAttendance;
import org.cellpath.scheduling.booking.ReschedulingAppointmentPair;
import org.cellpath.scheduling.booking.ReturningCase;
import org.cellpath.scheduling.booking.SchedulingCaseQueries;
import org.cellpath.security.Caller;
import org.cellpath.web.CallerRateLimiter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What schedulers read about bookings: appointment pairs, scheduling cases and the waitlist.
 * Responses hold ids, times and places, never patient contact details. Every change and every read
 * is audited with the scheduler's name and the referral concerned.
 */
@RestController
@RequestMapping("/api")
class AppointmentPairController {

  private final SchedulingCaseQueries queries;
  private final BookingAppointmentPair booking;
  private final CancellingAppointmentPair cancelling;
  private final ReschedulingAppointmentPair rescheduling;
  private final RecordingAttendance attendance;
  private final ReturningCase returning;
  private final CallerRateLimiter manualBookings;
  private final RequestAudit audit;

  AppointmentPairController(
      SchedulingCaseQueries queries,
      BookingAppointmentPair booking,
      CancellingAppointmentPair cancelling,
      ReschedulingAppointmentPair rescheduling,
      RecordingAttendance attendance,
      ReturningCase returning,
      ManualBookingRate manualBookingRate,
      Clock clock,
      RequestAudit audit) {
    this.queries = queries;
    this.booking = booking;
    this.cancelling = cancelling;
    this.rescheduling = rescheduling;
    this.attendance = attendance;
    this.returning = returning;
    this.manualBookings =
        new CallerRateLimiter(manualBookingRate.permits(), manualBookingRate.period(), clock);
    this.audit = audit;
  }

  /**
   * Books the slots a scheduler chose for a waitlisted case (or one whose pair was cancelled).
   * Every well-formed attempt counts against the scheduler's rate limit, whatever its outcome; over
   * it, 429 with {@code Retry-After}.
   */
  @PostMapping("/appointment-pairs")
  ResponseEntity<PairResponse> book(@Valid @RequestBody BookPair request) {
    AppointmentPair pair =
        changing(
            SchedulingAction.PAIR_BOOK,
            AuditTarget.of(null, request.referralId()),
            () -> {
              manualBookings.acquire(Caller.require().subject());
              return booking.bookChosen(
                  request.referralId(), request.harvestSlotId(), request.injectionSlotId());
            });
    return ResponseEntity.created(URI.create("/api/appointment-pairs/" + pair.id()))
        .body(PairResponse.of(pair));
  }

  @PostMapping("/appointment-pairs/{pairId}/cancellation")
  PairResponse cancel(@PathVariable UUID pairId, @Valid @RequestBody CancelPair request) {
    return PairResponse.of(
        changing(
            SchedulingAction.PAIR_CANCEL,
            AuditTarget.of(pairId),
            () -> cancelling.byScheduler(pairId, request.reason().strip())));
  }

  @PostMapping("/appointment-pairs/{pairId}/reschedule")
  PairResponse reschedule(@PathVariable UUID pairId, @RequestBody ChosenSlotIds request) {
    return PairResponse.of(
        changing(
            SchedulingAction.PAIR_RESCHEDULE,
            AuditTarget.of(pairId),
            () ->
                rescheduling.reschedule(
                    pairId, request.harvestSlotId(), request.injectionSlotId())));
  }

  /**
   * The appointment took place; the body (and its product lot) only for the injection of a donated
   * product.
   */
  @PostMapping("/appointments/{appointmentId}/completion")
  PairResponse complete(
      @PathVariable UUID appointmentId,
      @Valid @RequestBody(required = false) @Nullable Completion request) {
    return PairResponse.of(
        audit.audited(
            SchedulingAction.APPOINTMENT_COMPLETE,
            SchedulingAction.APPOINTMENT,
            AuditTarget.of(appointmentId),
            pair -> AuditTarget.of(appointmentId, pair.referralId()),
            () ->
                attendance.completed(
                    appointmentId, request == null ? null : request.productLot())));
  }

  @PostMapping("/appointments/{appointmentId}/no-show")
  PairResponse noShow(@PathVariable UUID appointmentId) {
    return PairResponse.of(
        audit.audited(
            SchedulingAction.APPOINTMENT_NO_SHOW,
            SchedulingAction.APPOINTMENT,
            AuditTarget.of(appointmentId),
            pair -> AuditTarget.of(appointmentId, pair.referralId()),
            () -> attendance.noShow(appointmentId)));
  }

  /** Every pair of the referral, cancelled ones included, oldest first. */
  @GetMapping("/appointment-pairs")
  List<PairResponse> pairsOfReferral(@RequestParam UUID referralId) {
    List<PairResponse> pairs =
        queries.pairsOfReferral(referralId).stream().map(PairResponse::of).toList();
    audit.record(
        SchedulingAction.PAIRS_READ,
        SchedulingAction.REFERRAL,
        referralId,
        referralId,
        AuditOutcome.ALLOWED);
    return pairs;
  }

  @GetMapping("/appointment-pairs/{pairId}")
  PairResponse pair(@PathVariable UUID pairId) {
    return PairResponse.of(
        audit.audited(
            SchedulingAction.PAIR_READ,
            SchedulingAction.PAIR,
            AuditTarget.of(pairId),
            pair -> AuditTarget.of(pairId, pair.referralId()),
            () ->
                queries
                    .pair(pairId)
                    .orElseThrow(
                        () ->
                            new RecordNotFoundException(
                                "Appointment pair " + pairId + " does not exist"))));
  }

  @GetMapping("/scheduling-cases/{referralId}")
  CaseSummary schedulingCase(@PathVariable UUID referralId) {
    return audit.audited(
        SchedulingAction.CASE_READ,
        SchedulingAction.CASE,
        AuditTarget.of(referralId, referralId),
        found -> AuditTarget.of(referralId, referralId),
        () ->
            queries
                .schedulingCase(referralId)
                .orElseThrow(
                    () ->
                        new RecordNotFoundException(
                            "Referral " + referralId + " has no scheduling case")));
  }

  /**
   * Closes the case and returns it to the referring physician with a reason code (docs/domain.md
   * §8.5): a case whose pair was missed or cancelled, or that waits on the waitlist. A case with a
   * pair still booked is refused (cancel the pair first), as is one already returned or withdrawn.
   */
  @PostMapping("/scheduling-cases/{referralId}/return")
  ReturnResponse returnToReferrer(
      @PathVariable UUID referralId, @Valid @RequestBody ReturnCase request) {
    return audit.audited(
        SchedulingAction.CASE_RETURN,
        SchedulingAction.CASE,
        AuditTarget.of(referralId, referralId),
        returned -> AuditTarget.of(referralId, referralId),
        () ->
            new ReturnResponse(
                referralId,
                returning.returnToReferrer(referralId, request.reason()),
                request.reason()));
  }

  /**
   * Waitlisted cases, the longest waiting first: at most {@code limit}, and never more than 500.
   */
  @GetMapping("/waitlist")
  List<CaseSummary> waitlist(
      @RequestParam(defaultValue = "500") @Min(1) @Max(SchedulingCaseQueries.WAITLIST_PAGE)
          int limit) {
    List<CaseSummary> waiting = queries.waitlist(limit);
    audit.listed(
        SchedulingAction.WAITLIST_READ,
        SchedulingAction.CASE,
        waiting.stream().map(CaseSummary::referralId).toList(),
        AuditOutcome.ALLOWED);
    return waiting;
  }

  /** A change to a pair, audited as the scheduler's, with the pair and its referral once known. */
  private AppointmentPair changing(
      SchedulingAction action, AuditTarget requested, Supplier<AppointmentPair> change) {
    return audit.audited(
        action,
        SchedulingAction.PAIR,
        requested,
        pair -> AuditTarget.of(pair.id(), pair.referralId()),
        change);
  }

  record PairResponse(
      UUID id,
      UUID referralId,
      BookingStatus status,
      int sequence,
      Instant bookedAt,
      @Nullable Instant cancelledAt,
      List<AppointmentResponse> appointments) {

    static PairResponse of(AppointmentPair pair) {
      return new PairResponse(
          pair.id(),
          pair.referralId(),
          pair.status(),
          pair.sequence(),
          pair.bookedAt(),
          pair.cancelledAt(),
          pair.appointments().stream().map(AppointmentResponse::of).toList());
    }
  }

  /**
   * @param date the day, in the site's time zone
   * @param startTime local time at the site
   */
  record AppointmentResponse(
      UUID id,
      AppointmentKind kind,
      BookingStatus status,
      UUID slotId,
      Instant startsAt,
      Instant endsAt,
      String timeZone,
      LocalDate date,
      LocalTime startTime,
      LocalTime endTime,
      Ref clinician,
      SiteRef site,
      Ref room) {

    static AppointmentResponse of(BookedAppointment appointment) {
      var start = appointment.startsAt().atZone(appointment.timeZone());
      return new AppointmentResponse(
          appointment.id(),
          appointment.kind(),
          appointment.status(),
          appointment.slotId(),
          appointment.startsAt(),
          appointment.endsAt(),
          appointment.timeZone().getId(),
          start.toLocalDate(),
          start.toLocalTime(),
          appointment.endsAt().atZone(appointment.timeZone()).toLocalTime(),
          new Ref(appointment.clinicianId(), appointment.clinicianName()),
          new SiteRef(appointment.siteId(), appointment.siteName(), appointment.siteAddress()),
          new Ref(appointment.roomId(), appointment.roomName()));
    }
  }

  /** Why the case goes back to its referrer: a code, never text (it travels on the event). */
  record ReturnCase(@NotNull ReturnReason reason) {}

  record ReturnResponse(UUID referralId, CaseStatus status, ReturnReason reason) {}

  /**
   * @param harvestSlotId null for a donated product
   */
  record BookPair(
      @NotNull UUID referralId, @Nullable UUID harvestSlotId, @Nullable UUID injectionSlotId) {}

  /**
   * @param harvestSlotId null for a donated product
   */
  record ChosenSlotIds(@Nullable UUID harvestSlotId, @Nullable UUID injectionSlotId) {}

  /**
   * @param reason kept with the pair; never on events or in logs
   */
  record CancelPair(@NotBlank @Size(max = 1000) String reason) {}

  /**
   * @param productLot the donated product's lot; required for its injection, absent otherwise
   */
  record Completion(@Nullable @Size(max = 100) String productLot) {}

  record Ref(UUID id, String name) {}

  record SiteRef(UUID id, String name, String address) {}
}
