package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentNoShow;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairConfirmed;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ConfirmedBy;
import org.cellpath.contracts.OfferEnd;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.WaitlistOfferEnded;
import org.cellpath.contracts.WaitlistOfferMade;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.scheduling.planning.PlannedPair;
import org.jspecify.annotations.Nullable;

/**
 * A harvest and an injection booked together (or a single injection for a donated product). Its
 * transitions (book, cancel, reschedule, record an appointment's outcome) check {@link #ALLOWED}
 * and return the pair they lead to with the events they cause ({@link PairTransition}); {@link
 * AppointmentPairs#save} stores both.
 *
 * @param sequence the calendar SEQUENCE: 0 when booked, raised by every change notifications must
 *     re-send
 * @param appointments harvest first, then injection
 * @param confirmation the patient's last confirmation, of this sequence or an earlier one; null if
 *     they never confirmed
 * @param offer the waitlist offer the pair was made as; null for a pair booked outright
 */
public record AppointmentPair(
    UUID id,
    UUID referralId,
    BookingStatus status,
    int sequence,
    Instant bookedAt,
    @Nullable Instant cancelledAt,
    List<BookedAppointment> appointments,
    @Nullable Confirmation confirmation,
    @Nullable Offer offer) {

  /**
   * The patient said they will come to the pair as it stood at {@code sequence} (a move raises the
   * pair's sequence, so it asks again).
   */
  public record Confirmation(int sequence, Instant at, ConfirmedBy by) {}

  /**
   * The pair was offered to a waitlisted case, held until {@code holdUntil}.
   *
   * @param end how the offer ended; null while it is open
   */
  public record Offer(Instant holdUntil, @Nullable OfferEnd end) {}

  /** A pair that was not made as an offer. */
  public AppointmentPair(
      UUID id,
      UUID referralId,
      BookingStatus status,
      int sequence,
      Instant bookedAt,
      @Nullable Instant cancelledAt,
      List<BookedAppointment> appointments,
      @Nullable Confirmation confirmation) {
    this(id, referralId, status, sequence, bookedAt, cancelledAt, appointments, confirmation, null);
  }

  /** A pair the patient has not confirmed. */
  public AppointmentPair(
      UUID id,
      UUID referralId,
      BookingStatus status,
      int sequence,
      Instant bookedAt,
      @Nullable Instant cancelledAt,
      List<BookedAppointment> appointments) {
    this(id, referralId, status, sequence, bookedAt, cancelledAt, appointments, null);
  }

  /** What can be done to a pair, by its status. */
  enum Action {
    ANNOUNCE_BOOKING("announce"),
    CANCEL("cancel"),
    CANCEL_ON_WITHDRAWAL("cancel on withdrawal"),
    RESCHEDULE("reschedule"),
    CONFIRM("confirm"),
    RECORD_OUTCOME("record the outcome of"),
    ANNOUNCE_OFFER("announce the offer of"),
    ACCEPT_OFFER("accept"),
    END_OFFER("decline or expire");

    private final String verb;

    Action(String verb) {
      this.verb = verb;
    }
  }

  private static final Set<Action> OFFER_ACTIONS =
      EnumSet.of(Action.ANNOUNCE_OFFER, Action.ACCEPT_OFFER, Action.END_OFFER);

  /**
   * The one status table of a pair. A booked pair can change; a cancelled one never again. An
   * offered pair is announced, accepted, declined or expired, or cancelled when its referral is
   * withdrawn; nothing else (a scheduler cannot move or cancel what the patient has not accepted).
   * Whether each appointment still can (it has not taken place or been missed) is checked on top,
   * by the transition.
   */
  private static final Map<BookingStatus, Set<Action>> ALLOWED =
      Map.of(
          BookingStatus.OFFERED,
          EnumSet.of(
              Action.ANNOUNCE_OFFER,
              Action.ACCEPT_OFFER,
              Action.END_OFFER,
              Action.CANCEL_ON_WITHDRAWAL),
          BookingStatus.BOOKED,
          EnumSet.complementOf(EnumSet.copyOf(OFFER_ACTIONS)),
          BookingStatus.CANCELLED,
          EnumSet.noneOf(Action.class),
          BookingStatus.COMPLETED,
          EnumSet.noneOf(Action.class),
          BookingStatus.NO_SHOW,
          EnumSet.noneOf(Action.class));

  public AppointmentPair {
    appointments = List.copyOf(appointments);
  }

  /** Whether the pair's status allows the action. */
  boolean allows(Action action) {
    return ALLOWED.get(status).contains(action);
  }

  /**
   * Announces a pair whose rows were just inserted (the database decided it could hold its slots).
   *
   * @throws IllegalTransitionException when the pair is not a freshly booked one
   */
  PairTransition.Booked booked(PatientContact patient, Instant now) {
    if (!allows(Action.ANNOUNCE_BOOKING) || sequence != 0) {
      throw new IllegalTransitionException(
          "Appointment pair "
              + id
              + " is "
              + status
              + " (sequence "
              + sequence
              + "); only a newly booked pair is announced");
    }
    return new PairTransition.Booked(
        this,
        List.of(
            new AppointmentPairBooked(
                UUID.randomUUID(), referralId, now, id, contractAppointments(), patient)));
  }

  /**
   * Announces a pair whose rows were just inserted as an offer to a waitlisted case (the database
   * decided it could hold its slots): the patient is told, with the hold's end.
   *
   * @throws IllegalTransitionException when the pair is not a freshly offered one
   */
  PairTransition.Offered offered(PatientContact patient, Instant now) {
    if (!allows(Action.ANNOUNCE_OFFER) || offer == null || offer.end() != null) {
      throw new IllegalTransitionException(
          "Appointment pair " + id + " is " + status + "; only an open offer is announced");
    }
    return new PairTransition.Offered(
        this,
        List.of(
            new WaitlistOfferMade(
                UUID.randomUUID(),
                referralId,
                now,
                id,
                offer.holdUntil(),
                contractAppointments(),
                patient)));
  }

  /** Whether the pair is an offer still open at {@code now}: offered, and its hold not over. */
  public boolean openOffer(Instant now) {
    return status == BookingStatus.OFFERED && offer != null && now.isBefore(offer.holdUntil());
  }

  /**
   * The patient accepts the offer within its hold: the pair is booked from now, and announced as
   * any booking is (the booking confirmation, reminders and calendar follow from {@link
   * AppointmentPairBooked}).
   *
   * @throws IllegalTransitionException when the pair is not an open offer, or its hold is over
   */
  PairTransition.OfferAccepted accept(PatientContact patient, Instant now) {
    requireOpenOffer(Action.ACCEPT_OFFER, now);
    AppointmentPair booked =
        new AppointmentPair(
            id,
            referralId,
            BookingStatus.BOOKED,
            sequence,
            now,
            cancelledAt,
            appointments,
            confirmation,
            new Offer(offer.holdUntil(), OfferEnd.ACCEPTED));
    return new PairTransition.OfferAccepted(
        booked,
        List.of(
            new WaitlistOfferEnded(UUID.randomUUID(), referralId, now, id, OfferEnd.ACCEPTED),
            new AppointmentPairBooked(
                UUID.randomUUID(), referralId, now, id, booked.contractAppointments(), patient)));
  }

  /**
   * The patient declines the offer within its hold: the pair and its appointments are cancelled,
   * which lets the slots go to the next fitting case.
   *
   * @throws IllegalTransitionException when the pair is not an open offer, or its hold is over
   */
  PairTransition.OfferEnded decline(Instant now) {
    requireOpenOffer(Action.END_OFFER, now);
    return ended(OfferEnd.DECLINED, now);
  }

  /**
   * The offer's hold ran out before the patient answered: as a decline.
   *
   * @throws IllegalTransitionException when the pair is not an offer, or its hold is not over yet
   */
  PairTransition.OfferEnded expire(Instant now) {
    if (!allows(Action.END_OFFER) || offer == null || now.isBefore(offer.holdUntil())) {
      throw new IllegalTransitionException(
          "Cannot expire appointment pair "
              + id
              + ": it is "
              + status
              + ", not an offer past its hold");
    }
    return ended(OfferEnd.EXPIRED, now);
  }

  private PairTransition.OfferEnded ended(OfferEnd end, Instant now) {
    AppointmentPair cancelled =
        new AppointmentPair(
            id,
            referralId,
            BookingStatus.CANCELLED,
            sequence,
            bookedAt,
            now,
            appointments.stream().map(BookedAppointment::cancelled).toList(),
            confirmation,
            new Offer(offer.holdUntil(), end));
    return new PairTransition.OfferEnded(
        cancelled, List.of(new WaitlistOfferEnded(UUID.randomUUID(), referralId, now, id, end)));
  }

  private void requireOpenOffer(Action action, Instant now) {
    if (!allows(action) || offer == null) {
      throw new IllegalTransitionException(
          "Cannot " + action.verb + " appointment pair " + id + ": it is " + status);
    }
    if (!now.isBefore(offer.holdUntil())) {
      throw new IllegalTransitionException(
          "Cannot "
              + action.verb
              + " appointment pair "
              + id
              + ": its offer was held until "
              + offer.holdUntil());
    }
  }

  /**
   * A scheduler cancels the pair and its appointments, which lets their slots go, and raises its
   * sequence.
   *
   * @param reason kept with the pair, never put on the event (it may name the patient's
   *     circumstances)
   * @throws IllegalTransitionException when the pair is cancelled or one of its appointments took
   *     place or was missed
   */
  PairTransition.Cancelled cancel(String reason, PatientContact patient, Instant now) {
    requireChangeable(Action.CANCEL);
    return cancelled(reason, patient, now);
  }

  /**
   * The referral was withdrawn: the pair and its booked appointments are cancelled, which lets
   * their slots go, and its sequence rises. Unlike a scheduler's cancellation this also ends a pair
   * whose harvest already took place or was missed: that appointment keeps its status (and its
   * slot: the time was used), the injection still booked goes.
   *
   * @throws IllegalTransitionException when the pair is already cancelled
   */
  PairTransition.Cancelled cancelOnWithdrawal(PatientContact patient, Instant now) {
    if (!allows(Action.CANCEL_ON_WITHDRAWAL)) {
      throw new IllegalTransitionException(
          "Cannot cancel appointment pair " + id + ": it is " + status);
    }
    PairTransition.Cancelled cancelled = cancelled(null, patient, now);
    if (status == BookingStatus.OFFERED) {
      // The patient never had this pair booked: nothing to cancel in their calendar, nothing to
      // tell them; the offer's page reads it as ended.
      return new PairTransition.Cancelled(cancelled.pair(), null, List.of());
    }
    return cancelled;
  }

  /** Whether one of the pair's appointments was missed: the pair can only be ended, not changed. */
  public boolean missed() {
    return appointments.stream().anyMatch(a -> a.status() == BookingStatus.NO_SHOW);
  }

  /**
   * Ends a booked pair one of whose appointments was missed, so that the case can be booked again
   * or returned to the referring physician: the appointments still ahead are cancelled (their slots
   * go free), the missed and completed ones stay as recorded.
   *
   * @throws IllegalTransitionException unless the pair is booked and one of its appointments was
   *     missed
   */
  PairTransition.Cancelled endAfterNoShow(PatientContact patient, Instant now) {
    if (!allows(Action.CANCEL_ON_WITHDRAWAL) || !missed()) {
      throw new IllegalTransitionException(
          "Cannot end appointment pair " + id + " as missed: it is " + status);
    }
    return cancelled(null, patient, now);
  }

  private PairTransition.Cancelled cancelled(
      @Nullable String reason, PatientContact patient, Instant now) {
    AppointmentPair cancelled =
        new AppointmentPair(
            id,
            referralId,
            BookingStatus.CANCELLED,
            sequence + 1,
            bookedAt,
            now,
            appointments.stream().map(BookedAppointment::cancelled).toList(),
            confirmation,
            offer);
    return new PairTransition.Cancelled(
        cancelled,
        reason,
        List.of(
            new AppointmentPairCancelled(
                UUID.randomUUID(),
                referralId,
                now,
                id,
                cancelled.sequence(),
                cancelled.contractAppointments(),
                patient)));
  }

  /** Whether the patient confirmed the pair as it stands now (not only an earlier time of it). */
  public boolean confirmed() {
    return confirmation != null && confirmation.sequence() == sequence;
  }

  /**
   * The patient confirms they will come to the pair as it stands (by their link, an SMS reply, or
   * through staff). Raised once per sequence: confirming again what is already confirmed changes
   * nothing and raises nothing.
   *
   * @throws IllegalTransitionException when the pair is not booked, or one of its appointments took
   *     place or was missed
   */
  PairTransition.Confirmed confirm(ConfirmedBy by, Instant now) {
    requireChangeable(Action.CONFIRM);
    if (confirmed()) {
      return new PairTransition.Confirmed(this, List.of());
    }
    AppointmentPair confirmedPair =
        new AppointmentPair(
            id,
            referralId,
            status,
            sequence,
            bookedAt,
            cancelledAt,
            appointments,
            new Confirmation(sequence, now, by),
            offer);
    return new PairTransition.Confirmed(
        confirmedPair,
        List.of(
            new AppointmentPairConfirmed(UUID.randomUUID(), referralId, now, id, sequence, by)));
  }

  /**
   * Moves the pair as one to the slots chosen for it: each appointment keeps its id and moves to
   * the planned appointment of its kind; the sequence rises.
   *
   * @param places what the new slots are (zone, clinician, site, room), by slot id
   * @throws IllegalTransitionException when the pair is cancelled or one of its appointments took
   *     place or was missed
   */
  PairTransition.Moved reschedule(
      PlannedPair target, Map<UUID, Place> places, PatientContact patient, Instant now) {
    requireChangeable(Action.RESCHEDULE);
    List<BookedAppointment> moved =
        target.appointments().stream()
            .map(
                to ->
                    appointment(to.kind())
                        .orElseThrow()
                        .movedTo(to, places.get(to.slot().slotId())))
            .sorted(
                Comparator.comparing(BookedAppointment::startsAt)
                    .thenComparing(a -> a.kind().name()))
            .toList();
    AppointmentPair rescheduled =
        new AppointmentPair(
            id,
            referralId,
            status,
            sequence + 1,
            bookedAt,
            cancelledAt,
            moved,
            confirmation,
            offer);
    return new PairTransition.Moved(
        rescheduled,
        List.of(
            new AppointmentPairRescheduled(
                UUID.randomUUID(),
                referralId,
                now,
                id,
                rescheduled.sequence(),
                rescheduled.contractAppointments(),
                patient)));
  }

  /**
   * Records that the appointment took place; a completed injection starts the follow-up series.
   *
   * @param productLot the donated product's lot: required for the injection of a donated product,
   *     refused otherwise
   * @throws InvalidValueException when the product lot is missing, or given where there is no
   *     donated product
   * @throws IllegalTransitionException as {@link #completable}
   */
  PairTransition.Attended complete(
      UUID appointmentId,
      @Nullable String productLot,
      CellSource cellSource,
      PatientContact patient,
      Instant now) {
    BookedAppointment appointment = completable(appointmentId, now);
    boolean needsLot =
        !cellSource.isAutologous() && appointment.kind() == AppointmentKind.INJECTION;
    String lot = productLot == null || productLot.isBlank() ? null : productLot.strip();
    if (needsLot && lot == null) {
      throw new InvalidValueException(
          "productLot", "required for the injection of a donated product (" + cellSource + ")");
    }
    if (!needsLot && lot != null) {
      throw new InvalidValueException(
          "productLot", "only the injection of a donated product has a product lot");
    }
    return new PairTransition.Attended(
        withOutcome(appointmentId, BookingStatus.COMPLETED),
        appointmentId,
        lot,
        now,
        List.of(
            new AppointmentCompleted(
                UUID.randomUUID(), referralId, now, id, appointment.toContract(), lot, patient)));
  }

  /**
   * Records that the patient did not come to the appointment.
   *
   * @throws IllegalTransitionException as {@link #missable}
   */
  PairTransition.Attended noShow(UUID appointmentId, Instant now) {
    BookedAppointment appointment = missable(appointmentId, now);
    return new PairTransition.Attended(
        withOutcome(appointmentId, BookingStatus.NO_SHOW),
        appointmentId,
        null,
        now,
        List.of(
            new AppointmentNoShow(
                UUID.randomUUID(), referralId, now, id, appointment.toContract())));
  }

  /**
   * Whether the pair as a whole can still change (be confirmed, moved or cancelled): it is booked
   * and none of its appointments has taken place or been missed.
   */
  public boolean changeable() {
    return allows(Action.RESCHEDULE)
        && appointments.stream().allMatch(a -> a.status() == BookingStatus.BOOKED);
  }

  /** When the pair's first appointment starts. */
  public Instant firstStart() {
    return appointments.stream()
        .map(BookedAppointment::startsAt)
        .min(Instant::compareTo)
        .orElseThrow();
  }

  /**
   * Refuses a change of the pair as a whole (cancel, reschedule) unless it is booked and none of
   * its appointments has taken place or been missed yet.
   *
   * @throws IllegalTransitionException otherwise
   */
  void requireChangeable(Action action) {
    String verb = action.verb;
    if (!allows(action)) {
      throw new IllegalTransitionException(
          "Cannot " + verb + " appointment pair " + id + ": it is " + status);
    }
    appointments.stream()
        .filter(appointment -> appointment.status() != BookingStatus.BOOKED)
        .findFirst()
        .ifPresent(
            done -> {
              throw new IllegalTransitionException(
                  "Cannot "
                      + verb
                      + " appointment pair "
                      + id
                      + ": its "
                      + done.kind()
                      + " appointment is "
                      + done.status());
            });
  }

  /**
   * The pair's appointment that took place, at {@code now}. An injection after a harvest took place
   * only if the harvest did: cells are taken before they are injected.
   *
   * @throws IllegalTransitionException when the pair is cancelled, the appointment's outcome is
   *     already recorded, it has not started yet, or it is an injection whose harvest is not
   *     recorded as completed (still booked, or missed)
   */
  BookedAppointment completable(UUID appointmentId, Instant now) {
    BookedAppointment appointment = attendable(appointmentId, "its completion", now);
    if (appointment.kind() == AppointmentKind.INJECTION) {
      appointment(AppointmentKind.HARVEST)
          .filter(harvest -> harvest.status() != BookingStatus.COMPLETED)
          .ifPresent(
              harvest -> {
                throw new IllegalTransitionException(
                    "Injection "
                        + appointmentId
                        + " of pair "
                        + id
                        + " cannot be completed"
                        + " before its harvest is; the harvest is "
                        + harvest.status());
              });
    }
    return appointment;
  }

  /**
   * The pair's appointment the patient did not come to, at {@code now}.
   *
   * @throws IllegalTransitionException when the pair is cancelled, the appointment's outcome is
   *     already recorded, or it has not started yet
   */
  BookedAppointment missable(UUID appointmentId, Instant now) {
    return attendable(appointmentId, "a no-show", now);
  }

  /**
   * The pair's appointment, still booked (so attendance is recorded once) and begun by {@code now}.
   */
  private BookedAppointment attendable(UUID appointmentId, String outcome, Instant now) {
    BookedAppointment appointment =
        appointments.stream().filter(a -> a.id().equals(appointmentId)).findFirst().orElseThrow();
    if (!allows(Action.RECORD_OUTCOME) || appointment.status() != BookingStatus.BOOKED) {
      throw new IllegalTransitionException(
          "Appointment "
              + appointmentId
              + " is "
              + appointment.status()
              + "; its outcome cannot be recorded");
    }
    if (now.isBefore(appointment.startsAt())) {
      throw new IllegalTransitionException(
          "Appointment "
              + appointmentId
              + " starts at "
              + appointment.startsAt()
              + "; "
              + outcome
              + " cannot be recorded before it starts");
    }
    return appointment;
  }

  private AppointmentPair withOutcome(UUID appointmentId, BookingStatus outcome) {
    return new AppointmentPair(
        id,
        referralId,
        status,
        sequence,
        bookedAt,
        cancelledAt,
        appointments.stream()
            .map(a -> a.id().equals(appointmentId) ? a.withStatus(outcome) : a)
            .toList(),
        confirmation,
        offer);
  }

  /** The pair's appointment of that kind, if it has one. */
  Optional<BookedAppointment> appointment(AppointmentKind kind) {
    return appointments.stream().filter(a -> a.kind() == kind).findFirst();
  }

  List<Appointment> contractAppointments() {
    return appointments.stream().map(BookedAppointment::toContract).toList();
  }
}
