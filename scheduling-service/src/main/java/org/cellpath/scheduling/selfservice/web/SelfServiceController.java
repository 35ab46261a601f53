package org.cellpath.scheduling.selfservice.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.audit.RequestAudit;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.links.PatientLinkException;
import org.cellpath.scheduling.booking.AppointmentPair;
import org.cellpath.scheduling.booking.BookedAppointment;
import org.cellpath.scheduling.booking.BookingStatus;
import org.cellpath.scheduling.booking.PatientPairs.OptionAppointment;
import org.cellpath.scheduling.booking.PatientPairs.PairOption;
import org.cellpath.scheduling.selfservice.CancellationReason;
import org.cellpath.scheduling.selfservice.LinkedPair;
import org.cellpath.scheduling.selfservice.OfferState;
import org.cellpath.scheduling.selfservice.PatientSelfService;
import org.cellpath.scheduling.selfservice.SelfServiceAction;
import org.cellpath.scheduling.selfservice.SelfServiceProperties;
import org.cellpath.scheduling.selfservice.UnknownLinkException;
import org.cellpath.web.CallerRateLimiter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient's own API, behind the console's {@code /p/<token>} pages. No sign-in: the link's
 * token, sent in the {@code Patient-Link} header (never in the address, never logged), is the
 * credential. Each use is counted against the link's rate limit (by a hash of the token) and
 * audited with the pair and its referral. Answers are never cached.
 */
@RestController
@RequestMapping("/api/self-service")
class SelfServiceController {

  static final String LINK_HEADER = "Patient-Link";

  private final PatientSelfService selfService;
  private final CallerRateLimiter links;
  private final RequestAudit audit;
  private final Clock clock;

  SelfServiceController(
      PatientSelfService selfService,
      SelfServiceProperties properties,
      RequestAudit audit,
      Clock clock) {
    this.selfService = selfService;
    this.links =
        new CallerRateLimiter(
            properties.linkRate().permits(), properties.linkRate().period(), clock);
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping("/appointments")
  ResponseEntity<PatientPage> page(@RequestHeader(LINK_HEADER) String token) {
    return noStore(used(SelfServiceAction.PATIENT_LINK_READ, token, this::page));
  }

  @PostMapping("/appointments/confirmation")
  ResponseEntity<PatientPage> confirm(@RequestHeader(LINK_HEADER) String token) {
    return noStore(
        used(
            SelfServiceAction.PATIENT_LINK_CONFIRM,
            token,
            linked -> page(linked, selfService.confirm(linked))));
  }

  @GetMapping("/appointments/options")
  ResponseEntity<List<OptionResponse>> options(@RequestHeader(LINK_HEADER) String token) {
    return noStore(
        used(
            SelfServiceAction.PATIENT_LINK_OPTIONS,
            token,
            linked -> selfService.options(linked).stream().map(OptionResponse::of).toList()));
  }

  @PostMapping("/appointments/reschedule")
  ResponseEntity<PatientPage> reschedule(
      @RequestHeader(LINK_HEADER) String token, @Valid @RequestBody RescheduleChoice choice) {
    return noStore(
        used(
            SelfServiceAction.PATIENT_LINK_RESCHEDULE,
            token,
            linked ->
                page(
                    linked,
                    selfService.reschedule(
                        linked, choice.harvestSlotId(), choice.injectionSlotId()))));
  }

  @PostMapping("/appointments/cancellation")
  ResponseEntity<PatientPage> cancel(
      @RequestHeader(LINK_HEADER) String token, @Valid @RequestBody Cancellation cancellation) {
    return noStore(
        used(
            SelfServiceAction.PATIENT_LINK_CANCEL,
            token,
            linked ->
                page(
                    linked,
                    selfService.cancel(linked, cancellation.reason(), cancellation.note()))));
  }

  @GetMapping(value = "/appointments/calendar", produces = "text/calendar")
  ResponseEntity<String> calendar(@RequestHeader(LINK_HEADER) String token) {
    String file = used(SelfServiceAction.PATIENT_LINK_CALENDAR, token, selfService::calendar);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
        .body(file);
  }

  /** The offer the link opens: its appointments, the hold's end, and how it stands. */
  @GetMapping("/offer")
  ResponseEntity<OfferPage> offer(@RequestHeader(LINK_HEADER) String token) {
    return noStore(
        used(
            SelfServiceAction.OFFER_LINK_READ,
            token,
            selfService::openOffer,
            linked -> offerPage(linked, linked.pair())));
  }

  /**
   * Accepts the offer within its hold: the pair is booked. Accepting it again answers the booked
   * pair; after a decline or the hold's end, 409.
   */
  @PostMapping("/offer/acceptance")
  ResponseEntity<OfferPage> acceptOffer(@RequestHeader(LINK_HEADER) String token) {
    return noStore(
        used(
            SelfServiceAction.OFFER_LINK_ACCEPT,
            token,
            selfService::openOffer,
            linked -> offerPage(linked, selfService.acceptOffer(linked))));
  }

  /**
   * Declines the offer within its hold: the slots go to the next case, the patient keeps their
   * place. Declining it again answers the same; after an acceptance or the hold's end, 409.
   */
  @PostMapping("/offer/decline")
  ResponseEntity<OfferPage> declineOffer(@RequestHeader(LINK_HEADER) String token) {
    return noStore(
        used(
            SelfServiceAction.OFFER_LINK_DECLINE,
            token,
            selfService::openOffer,
            linked -> offerPage(linked, selfService.declineOffer(linked))));
  }

  private <T> T used(SelfServiceAction action, String token, Function<LinkedPair, T> work) {
    return used(action, token, selfService::open, work);
  }

  /**
   * Counts the use against the link's rate, opens the link and does the work, and audits how it
   * ended: {@code DENIED} for a link that opens nothing (no pair named), {@code RATE_LIMITED},
   * {@code REFUSED} for a refused change, {@code ALLOWED} with the pair and its referral.
   */
  private <T> T used(
      SelfServiceAction action,
      String token,
      Function<String, LinkedPair> opener,
      Function<LinkedPair, T> work) {
    LinkedPair linked = null;
    try {
      links.acquire(PatientSelfService.rateKey(token));
      linked = opener.apply(token);
      T result = work.apply(linked);
      audit.record(
          action,
          SelfServiceAction.PAIR,
          linked.pairId(),
          linked.referralId(),
          AuditOutcome.ALLOWED);
      return result;
    } catch (RuntimeException failed) {
      AuditOutcome outcome =
          failed instanceof PatientLinkException || failed instanceof UnknownLinkException
              ? AuditOutcome.DENIED
              : RequestAudit.outcomeOf(failed);
      audit.record(
          action,
          SelfServiceAction.PAIR,
          linked == null ? null : linked.pairId(),
          linked == null ? null : linked.referralId(),
          outcome);
      throw failed;
    }
  }

  private PatientPage page(LinkedPair linked) {
    return page(linked, linked.pair());
  }

  private PatientPage page(LinkedPair linked, AppointmentPair pair) {
    boolean changeable = selfService.changeable(pair);
    var patient = linked.patientPair().patient();
    return new PatientPage(
        pair.status(),
        pair.confirmed(),
        pair.sequence(),
        pair.appointments().stream()
            .filter(
                a ->
                    pair.status() == BookingStatus.CANCELLED
                        || a.status() != BookingStatus.CANCELLED)
            .map(AppointmentView::of)
            .toList(),
        new PatientView(patient.givenName(), "es".equals(patient.language()) ? "es" : "en"),
        changeable,
        changeable,
        changeable,
        clock.instant());
  }

  private OfferPage offerPage(LinkedPair linked, AppointmentPair pair) {
    var patient = linked.patientPair().patient();
    OfferState state = selfService.offerState(pair);
    return new OfferPage(
        state,
        pair.offer().holdUntil(),
        pair.appointments().stream().map(AppointmentView::of).toList(),
        new PatientView(patient.givenName(), "es".equals(patient.language()) ? "es" : "en"),
        state == OfferState.OPEN,
        clock.instant());
  }

  private static <T> ResponseEntity<T> noStore(T body) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
  }

  /**
   * What the patient's page shows.
   *
   * @param confirmed whether the patient confirmed the pair as it stands now
   * @param patient whom the page greets, in which language; nothing clinical
   * @param at the service's time, for the page's "before it starts" wording
   */
  record PatientPage(
      BookingStatus status,
      boolean confirmed,
      int sequence,
      List<AppointmentView> appointments,
      PatientView patient,
      boolean canConfirm,
      boolean canReschedule,
      boolean canCancel,
      Instant at) {}

  /**
   * What the offer's page shows.
   *
   * @param holdUntil when the offer ends unless accepted
   * @param appointments the offered appointments, harvest first (as offered, whatever became of
   *     them)
   * @param canAnswer whether the patient may still accept or decline it
   */
  record OfferPage(
      OfferState state,
      Instant holdUntil,
      List<AppointmentView> appointments,
      PatientView patient,
      boolean canAnswer,
      Instant at) {}

  /**
   * @param language {@code en} or {@code es}
   */
  record PatientView(String givenName, String language) {}

  record AppointmentView(
      AppointmentKind kind,
      BookingStatus status,
      Instant startsAt,
      Instant endsAt,
      String timeZone,
      String clinicianName,
      String siteName,
      String siteAddress,
      String roomName) {

    static AppointmentView of(BookedAppointment a) {
      return new AppointmentView(
          a.kind(),
          a.status(),
          a.startsAt(),
          a.endsAt(),
          a.timeZone().getId(),
          a.clinicianName(),
          a.siteName(),
          a.siteAddress(),
          a.roomName());
    }

    static AppointmentView of(OptionAppointment a) {
      return new AppointmentView(
          a.kind(),
          BookingStatus.BOOKED,
          a.startsAt(),
          a.endsAt(),
          a.timeZone(),
          a.clinicianName(),
          a.siteName(),
          a.siteAddress(),
          a.roomName());
    }
  }

  /**
   * @param harvestSlotId null for a pair without a harvest
   */
  record OptionResponse(
      @Nullable UUID harvestSlotId, UUID injectionSlotId, List<AppointmentView> appointments) {

    static OptionResponse of(PairOption option) {
      return new OptionResponse(
          option.harvestSlotId(),
          option.injectionSlotId(),
          option.appointments().stream().map(AppointmentView::of).toList());
    }
  }

  /**
   * @param harvestSlotId required when the pair has a harvest, absent otherwise
   */
  record RescheduleChoice(@Nullable UUID harvestSlotId, @NotNull UUID injectionSlotId) {}

  /**
   * @param note the patient's own words, kept with the pair only
   */
  record Cancellation(@NotNull CancellationReason reason, @Nullable @Size(max = 300) String note) {}
}
