package org.cellpath.scheduling.selfservice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.cellpath.calendar.CalendarFiles;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.ConfirmedBy;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.StateConflictException;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinks;
import org.cellpath.scheduling.booking.AppointmentPair;
import org.cellpath.scheduling.booking.BookedAppointment;
import org.cellpath.scheduling.booking.BookingStatus;
import org.cellpath.scheduling.booking.CancellingAppointmentPair;
import org.cellpath.scheduling.booking.ConfirmingAppointmentPair;
import org.cellpath.scheduling.booking.PatientPairs;
import org.cellpath.scheduling.booking.PatientPairs.PairOption;
import org.cellpath.scheduling.booking.ReschedulingAppointmentPair;
import org.cellpath.scheduling.booking.WaitlistOffers;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * What a patient does with the link to their pair. Every use opens the link first: signed here, for
 * the appointments page, not expired, and naming a pair of the referral it was signed with. The
 * patient may confirm, move or cancel the pair only while it is booked and before its first
 * appointment starts; a move goes to one of the pairs offered to them, under the booking rules
 * (docs/domain.md §4).
 */
@Service
public class PatientSelfService {

  /** How many pairs the patient is offered to move to. */
  public static final int OPTIONS = 5;

  private final PatientLinks links;
  private final PatientPairs patientPairs;
  private final ConfirmingAppointmentPair confirming;
  private final ReschedulingAppointmentPair rescheduling;
  private final CancellingAppointmentPair cancelling;
  private final CalendarFiles calendars;
  private final SelfServiceProperties properties;
  private final Clock clock;
  private final WaitlistOffers offers;

  PatientSelfService(
      PatientLinks links,
      PatientPairs patientPairs,
      ConfirmingAppointmentPair confirming,
      ReschedulingAppointmentPair rescheduling,
      CancellingAppointmentPair cancelling,
      CalendarFiles calendars,
      SelfServiceProperties properties,
      Clock clock,
      WaitlistOffers offers) {
    this.offers = offers;
    this.links = links;
    this.patientPairs = patientPairs;
    this.confirming = confirming;
    this.rescheduling = rescheduling;
    this.cancelling = cancelling;
    this.calendars = calendars;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * What a link is counted by in the rate limit: a hash of its token, so that the token itself is
   * kept nowhere.
   */
  public static String rateKey(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * The pair the link opens.
   *
   * @throws org.cellpath.links.PatientLinkException when the link is forged, altered, made for
   *     another page, or expired
   * @throws UnknownLinkException when its pair is gone or belongs to another referral
   */
  public LinkedPair open(String token) {
    return open(token, LinkPurpose.APPOINTMENTS);
  }

  /**
   * The offered pair an offer's link opens (docs/domain.md §8.3), whatever became of the offer
   * since.
   *
   * @throws org.cellpath.links.PatientLinkException when the link is forged, altered, made for
   *     another page, or expired (at the hold's end)
   * @throws UnknownLinkException when its pair is gone, belongs to another referral, or was never
   *     an offer
   */
  public LinkedPair openOffer(String token) {
    LinkedPair linked = open(token, LinkPurpose.WAITLIST_OFFER);
    if (linked.pair().offer() == null) {
      throw new UnknownLinkException();
    }
    return linked;
  }

  /** How the offer stands now. */
  public OfferState offerState(AppointmentPair pair) {
    AppointmentPair.Offer offer = Objects.requireNonNull(pair.offer());
    if (offer.end() != null) {
      return OfferState.valueOf(offer.end().name());
    }
    if (pair.status() != BookingStatus.OFFERED) {
      // Cancelled while open: the referral was withdrawn. The patient reads it as ended.
      return OfferState.EXPIRED;
    }
    return pair.openOffer(clock.instant()) ? OfferState.OPEN : OfferState.EXPIRED;
  }

  /**
   * @throws StateConflictException when the offer was declined or has ended
   */
  public AppointmentPair acceptOffer(LinkedPair linked) {
    return offers.accept(linked.pairId());
  }

  /**
   * @throws StateConflictException when the offer was accepted or has ended
   */
  public AppointmentPair declineOffer(LinkedPair linked) {
    return offers.decline(linked.pairId());
  }

  private LinkedPair open(String token, LinkPurpose purpose) {
    LinkGrant grant = links.open(token, purpose);
    return patientPairs
        .find(grant.subjectId())
        .filter(found -> found.pair().referralId().equals(grant.referralId()))
        .map(LinkedPair::new)
        .orElseThrow(UnknownLinkException::new);
  }

  /** Whether the patient may still confirm, move or cancel the pair, now. */
  public boolean changeable(AppointmentPair pair) {
    return pair.changeable() && clock.instant().isBefore(pair.firstStart());
  }

  /**
   * @throws StateConflictException when the pair is no longer booked or has begun
   */
  public AppointmentPair confirm(LinkedPair linked) {
    requireChangeable(linked.pair());
    return confirming.confirm(linked.pairId(), ConfirmedBy.PATIENT_LINK);
  }

  /** The pairs the patient may move to now, best first; none once the pair can no longer move. */
  public List<PairOption> options(LinkedPair linked) {
    if (!changeable(linked.pair())) {
      return List.of();
    }
    return patientPairs.options(linked.pairId(), OPTIONS);
  }

  /**
   * Moves the pair to one of the pairs offered now.
   *
   * @param harvestSlotId required when the pair has a harvest; must be empty otherwise
   * @throws InvalidValueException naming the field when the harvest is missing or superfluous
   * @throws StateConflictException when the pair can no longer move, or the choice is not (or no
   *     longer) among the offered pairs, or was taken meanwhile
   */
  public AppointmentPair reschedule(
      LinkedPair linked, @Nullable UUID harvestSlotId, UUID injectionSlotId) {
    AppointmentPair pair = linked.pair();
    boolean hasHarvest =
        pair.appointments().stream().anyMatch(a -> a.kind() == AppointmentKind.HARVEST);
    if (hasHarvest && harvestSlotId == null) {
      throw new InvalidValueException("harvestSlotId", "required");
    }
    if (!hasHarvest && harvestSlotId != null) {
      throw new InvalidValueException("harvestSlotId", "must be empty: this pair has no harvest");
    }
    requireChangeable(pair);
    boolean offered =
        patientPairs.options(linked.pairId(), OPTIONS).stream()
            .anyMatch(
                option ->
                    Objects.equals(option.harvestSlotId(), harvestSlotId)
                        && option.injectionSlotId().equals(injectionSlotId));
    if (!offered) {
      throw new StateConflictException(
          "That time is not among the times offered now; please choose one of the times shown.");
    }
    return rescheduling.reschedule(linked.pairId(), harvestSlotId, injectionSlotId);
  }

  /**
   * Cancels the pair with the patient's reason (and note), kept with the pair only.
   *
   * @throws StateConflictException when the pair is no longer booked or has begun
   */
  public AppointmentPair cancel(
      LinkedPair linked, CancellationReason reason, @Nullable String note) {
    requireChangeable(linked.pair());
    String kept =
        "Patient link: "
            + reason.name()
            + (note == null || note.isBlank() ? "" : " (" + note.strip() + ")");
    return cancelling.byPatient(linked.pairId(), kept);
  }

  /**
   * The pair's calendar file: the same UIDs and SEQUENCE as the emails' file, so a calendar that
   * has the pair updates the same events; a cancelled pair's file cancels them.
   */
  public String calendar(LinkedPair linked) {
    AppointmentPair pair = linked.pair();
    boolean cancelled = pair.status() == BookingStatus.CANCELLED;
    Locale locale = CalendarTexts.locale(linked.patientPair().patient().language());
    List<CalendarFiles.Entry> entries =
        pair.appointments().stream()
            .filter(a -> cancelled || a.status() != BookingStatus.CANCELLED)
            .map(a -> entry(a, cancelled, locale))
            .toList();
    Instant stamp = clock.instant();
    return calendars.write(
        cancelled ? CalendarFiles.Method.CANCEL : CalendarFiles.Method.REQUEST,
        pair.sequence(),
        stamp,
        entries);
  }

  private CalendarFiles.Entry entry(BookedAppointment a, boolean cancelled, Locale locale) {
    return new CalendarFiles.Entry(
        a.id(),
        a.startsAt(),
        a.endsAt(),
        CalendarTexts.summary(a.kind(), properties.clinicName(), locale),
        CalendarTexts.description(
            a.clinicianName(),
            properties.clinicName(),
            properties.clinicPhone(),
            cancelled,
            locale),
        a.siteName() + ", " + a.siteAddress());
  }

  private void requireChangeable(AppointmentPair pair) {
    if (!pair.changeable()) {
      throw new StateConflictException(
          "This appointment is no longer booked, so it cannot be changed here; please call the"
              + " clinic.");
    }
    if (!clock.instant().isBefore(pair.firstStart())) {
      throw new StateConflictException(
          "This appointment has already started, so it cannot be changed here; please call the"
              + " clinic.");
    }
  }
}
