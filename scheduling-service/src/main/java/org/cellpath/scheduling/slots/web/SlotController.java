package org.cellpath.scheduling.slots.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.audit.AuditTarget;
import org.cellpath.audit.RequestAudit;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.scheduling.audit.SchedulingAction;
import org.cellpath.scheduling.slots.ExpandingSlotTemplate;
import org.cellpath.scheduling.slots.NewSlot;
import org.cellpath.scheduling.slots.Slot;
import org.cellpath.scheduling.slots.SlotQueries;
import org.cellpath.scheduling.slots.SlotStatus;
import org.cellpath.scheduling.slots.SlotTemplate;
import org.cellpath.scheduling.slots.Slots;
import org.cellpath.scheduling.slots.TemplateOutcome;
import org.cellpath.scheduling.slots.TimeWindow;
import org.cellpath.time.ClinicTimeZone;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Slots as schedulers keep them: create one, list them with their status, block and free them.
 * Every change is audited, and so is every read: a booked slot names the referral that holds it.
 */
@RestController
@RequestMapping("/api/slots")
class SlotController {

  /** Days listed when the caller gives no {@code to}. */
  static final int DEFAULT_LISTING_DAYS = 30;

  private final Slots slots;
  private final ExpandingSlotTemplate templates;
  private final SlotQueries queries;
  private final Clock clock;
  private final ClinicTimeZone clinic;
  private final RequestAudit audit;

  SlotController(
      Slots slots,
      ExpandingSlotTemplate templates,
      SlotQueries queries,
      Clock clock,
      ClinicTimeZone clinic,
      RequestAudit audit) {
    this.slots = slots;
    this.templates = templates;
    this.queries = queries;
    this.clock = clock;
    this.clinic = clinic;
    this.audit = audit;
  }

  @PostMapping
  ResponseEntity<SlotResponse> create(@Valid @RequestBody CreateSlot request) {
    Slot slot =
        audit.audited(
            SchedulingAction.SLOT_ADD,
            SchedulingAction.SLOT,
            AuditTarget.none(),
            added -> AuditTarget.of(added.id()),
            () ->
                slots.create(
                    new NewSlot(
                        request.clinicianId(),
                        request.roomId(),
                        request.kind(),
                        request.date(),
                        request.startTime(),
                        request.durationMinutes())));
    return ResponseEntity.created(URI.create("/api/slots/" + slot.id()))
        .body(SlotResponse.of(slot));
  }

  /**
   * Creates a weekly template's slots in one transaction; those that would overlap an existing slot
   * (or start in the past) are skipped and counted.
   */
  @PostMapping("/template")
  ResponseEntity<TemplateResponse> createFromTemplate(@Valid @RequestBody CreateTemplate request) {
    TemplateOutcome outcome;
    try {
      outcome =
          templates.createFromTemplate(
              new SlotTemplate(
                  request.clinicianId(),
                  request.roomId(),
                  request.kind(),
                  request.weekdays(),
                  request.startTime(),
                  request.endTime(),
                  request.durationMinutes(),
                  request.from(),
                  request.to()));
    } catch (RuntimeException refused) {
      audit.record(
          SchedulingAction.SLOT_ADD,
          SchedulingAction.SLOT,
          null,
          null,
          RequestAudit.outcomeOf(refused));
      throw refused;
    }
    audit.recordEach(
        SchedulingAction.SLOT_ADD, SchedulingAction.SLOT, outcome.created(), AuditOutcome.ALLOWED);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new TemplateResponse(outcome.created().size(), outcome.skipped(), outcome.created()));
  }

  /**
   * Slots whose local day (in their site's zone) lies between {@code from} and {@code to}, both
   * included; {@code from} defaults to today in the clinic's zone and {@code to} to 30 days later.
   */
  @GetMapping
  List<SlotResponse> list(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          @Nullable LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          @Nullable LocalDate to,
      @RequestParam(required = false) @Nullable UUID clinicianId,
      @RequestParam(required = false) @Nullable UUID roomId) {
    LocalDate first = from != null ? from : LocalDate.ofInstant(clock.instant(), clinic.timeZone());
    LocalDate last = to != null ? to : first.plusDays(DEFAULT_LISTING_DAYS);
    List<Slot> listed =
        queries.list(
            TimeWindow.requested(first, last, "from", "to", SlotQueries.MAX_LISTING_DAYS),
            clinicianId,
            roomId);
    audit.listed(
        SchedulingAction.SLOTS_LIST,
        SchedulingAction.SLOT,
        listed.stream().map(Slot::heldByReferralId).filter(Objects::nonNull).distinct().toList(),
        AuditOutcome.ALLOWED);
    return listed.stream().map(SlotResponse::of).toList();
  }

  @GetMapping("/{slotId}")
  SlotResponse slot(@PathVariable UUID slotId) {
    return SlotResponse.of(
        audit.audited(
            SchedulingAction.SLOT_READ,
            SchedulingAction.SLOT,
            AuditTarget.of(slotId),
            found -> AuditTarget.of(slotId, found.heldByReferralId()),
            () ->
                queries
                    .find(slotId)
                    .orElseThrow(
                        () -> new RecordNotFoundException("Slot " + slotId + " does not exist"))));
  }

  @PostMapping("/{slotId}/block")
  SlotResponse block(@PathVariable UUID slotId) {
    return SlotResponse.of(
        audit.audited(
            SchedulingAction.SLOT_BLOCK,
            SchedulingAction.SLOT,
            AuditTarget.of(slotId),
            blocked -> AuditTarget.of(slotId),
            () -> slots.block(slotId)));
  }

  @PostMapping("/{slotId}/free")
  SlotResponse free(@PathVariable UUID slotId) {
    return SlotResponse.of(
        audit.audited(
            SchedulingAction.SLOT_FREE,
            SchedulingAction.SLOT,
            AuditTarget.of(slotId),
            freed -> AuditTarget.of(slotId),
            () -> slots.free(slotId)));
  }

  /**
   * @param date the day, in the room's site's time zone
   * @param startTime the start, local time at the site
   */
  record CreateSlot(
      @NotNull UUID clinicianId,
      @NotNull UUID roomId,
      @NotNull AppointmentKind kind,
      @NotNull LocalDate date,
      @NotNull LocalTime startTime,
      @NotNull @Min(5) @Max(480) Integer durationMinutes) {}

  /**
   * @param weekdays the days of the week the pattern repeats on
   * @param startTime the first slot's start each day, local time at the site
   * @param endTime no slot ends later, local time at the site
   * @param from the first day (in the site's zone), included
   * @param to the last day, included (at most 92 days after {@code from})
   */
  record CreateTemplate(
      @NotNull UUID clinicianId,
      @NotNull UUID roomId,
      @NotNull AppointmentKind kind,
      @NotEmpty Set<@NotNull DayOfWeek> weekdays,
      @NotNull LocalTime startTime,
      @NotNull LocalTime endTime,
      @NotNull @Min(5) @Max(480) Integer durationMinutes,
      @NotNull LocalDate from,
      @NotNull LocalDate to) {}

  /**
   * @param skipped slots of the pattern not created: overlapping an existing slot, or in the past
   */
  record TemplateResponse(int created, int skipped, List<UUID> slotIds) {}

  /**
   * @param referralId the referral whose appointment holds the slot; null unless booked
   * @param pairId the appointment pair holding the slot; null unless booked
   */
  record SlotResponse(
      UUID id,
      UUID clinicianId,
      UUID roomId,
      UUID siteId,
      AppointmentKind kind,
      LocalDate date,
      LocalTime startTime,
      LocalTime endTime,
      String timeZone,
      Instant startsAt,
      Instant endsAt,
      long durationMinutes,
      SlotStatus status,
      @Nullable UUID referralId,
      @Nullable UUID pairId) {

    static SlotResponse of(Slot slot) {
      return new SlotResponse(
          slot.id(),
          slot.clinicianId(),
          slot.roomId(),
          slot.siteId(),
          slot.kind(),
          slot.localDate(),
          slot.localStart(),
          slot.localEnd(),
          slot.zone().getId(),
          slot.startsAt(),
          slot.endsAt(),
          slot.length().toMinutes(),
          slot.status(),
          slot.heldByReferralId(),
          slot.heldByPairId());
    }
  }
}
