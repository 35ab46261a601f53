package org.cellpath.scheduling.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.scheduling.planning.CandidateSlot;
import org.cellpath.scheduling.slots.TimeWindow;

/**
 * A clinic calendar of exactly {@code slotCount} free slots over a search window in which the first
 * pair that fits is on the window's last day, so that the planner has to look at every slot before
 * it.
 *
 * <p>Each clinician works 08:00-18:00 (site time) with 15 slots a day: on every day but the last,
 * ten 30-minute injection slots in the morning and five 60-minute harvest slots in the afternoon,
 * which never combine (every injection begins before any harvest), as when the slots that would
 * have matched are already booked; on the last day, three harvest slots from 08:00 and twelve
 * injection slots from 11:00, which do. There are as many clinicians (four to a site, each with a
 * procedure room and an injection room) as it takes to hold the slots in the window; the earlier
 * days are filled day by day, clinician by clinician, until the count is reached.
 *
 * <p>For a bone-marrow case (45-minute harvest, injection 30 minutes to 3 hours after it ends) the
 * earliest pair is the last day's 08:00 harvest with the smallest slot id and the same clinician's
 * 11:00 injection.
 */
final class CrowdedCalendar {

  static final int SLOTS_PER_CLINICIAN_DAY = 15;
  private static final int CLINICIANS_PER_SITE = 4;
  private static final LocalTime OPEN_DAY_FIRST_HARVEST = LocalTime.of(8, 0);
  private static final LocalTime OPEN_DAY_FIRST_INJECTION = LocalTime.of(11, 0);

  /** One clinician's place of work. */
  record Clinician(UUID clinicianId, UUID siteId, UUID procedureRoomId, UUID injectionRoomId) {}

  private final ZoneId zone;
  private final LocalDate openDay;
  private final List<Clinician> clinicians;
  private final List<CandidateSlot> slots;

  private CrowdedCalendar(
      ZoneId zone, LocalDate openDay, List<Clinician> clinicians, List<CandidateSlot> slots) {
    this.zone = zone;
    this.openDay = openDay;
    this.clinicians = List.copyOf(clinicians);
    this.slots = List.copyOf(slots);
  }

  /**
   * @param window the days a case approved at the planning instant searches
   * @param zone every site's zone
   */
  static CrowdedCalendar of(int slotCount, TimeWindow window, ZoneId zone) {
    int days = (int) ChronoUnit.DAYS.between(window.from(), window.until()) + 1;
    int perClinician = days * SLOTS_PER_CLINICIAN_DAY;
    int clinicianCount = (slotCount + perClinician - 1) / perClinician;
    if (slotCount < clinicianCount * SLOTS_PER_CLINICIAN_DAY) {
      throw new IllegalArgumentException(
          "Too few slots for " + clinicianCount + " clinicians' last day");
    }
    List<Clinician> clinicians = new ArrayList<>();
    UUID siteId = null;
    for (int i = 0; i < clinicianCount; i++) {
      if (i % CLINICIANS_PER_SITE == 0) {
        siteId = UUID.randomUUID();
      }
      clinicians.add(
          new Clinician(UUID.randomUUID(), siteId, UUID.randomUUID(), UUID.randomUUID()));
    }
    List<CandidateSlot> slots = new ArrayList<>(slotCount);
    int earlierDaySlots = slotCount - clinicianCount * SLOTS_PER_CLINICIAN_DAY;
    fill:
    for (LocalDate day = window.from(); day.isBefore(window.until()); day = day.plusDays(1)) {
      for (Clinician clinician : clinicians) {
        for (CandidateSlot slot : crossedDay(clinician, day, zone)) {
          if (slots.size() == earlierDaySlots) {
            break fill;
          }
          slots.add(slot);
        }
      }
    }
    for (Clinician clinician : clinicians) {
      slots.addAll(openDay(clinician, window.until(), zone));
    }
    return new CrowdedCalendar(
        zone, window.until(), clinicians, asTheSnapshotQueryReturnsThem(slots));
  }

  /**
   * The slots as booking hands them to the planner: in the order of the bookable-slot query ({@code
   * order by starts_at, id}), each made when its row is read, so that objects lie in memory in that
   * order too.
   */
  private static List<CandidateSlot> asTheSnapshotQueryReturnsThem(List<CandidateSlot> slots) {
    return slots.stream()
        .sorted(Comparator.comparing(CandidateSlot::startsAt).thenComparing(CandidateSlot::slotId))
        .map(
            slot ->
                new CandidateSlot(
                    slot.slotId(),
                    slot.kind(),
                    slot.clinicianId(),
                    slot.siteId(),
                    slot.roomId(),
                    slot.startsAt(),
                    slot.endsAt(),
                    slot.zone()))
        .toList();
  }

  List<Clinician> clinicians() {
    return clinicians;
  }

  /** Every slot, earliest start first (then by id), as the bookable-slot query returns them. */
  List<CandidateSlot> slots() {
    return slots;
  }

  /**
   * The harvest slot of the earliest pair for a bone-marrow case: of the open day's first harvests,
   * the smallest id.
   */
  CandidateSlot expectedHarvest() {
    Instant firstHarvest = ZonedDateTime.of(openDay, OPEN_DAY_FIRST_HARVEST, zone).toInstant();
    return slots.stream()
        .filter(
            slot -> slot.kind() == AppointmentKind.HARVEST && slot.startsAt().equals(firstHarvest))
        .min(Comparator.comparing(CandidateSlot::slotId))
        .orElseThrow();
  }

  /**
   * The injection slot of the earliest pair for a bone-marrow case: the same clinician's first
   * injection.
   */
  CandidateSlot expectedInjection() {
    UUID clinicianId = expectedHarvest().clinicianId();
    Instant firstInjection = ZonedDateTime.of(openDay, OPEN_DAY_FIRST_INJECTION, zone).toInstant();
    return slots.stream()
        .filter(
            slot ->
                slot.kind() == AppointmentKind.INJECTION && slot.startsAt().equals(firstInjection))
        .filter(slot -> slot.clinicianId().equals(clinicianId))
        .findFirst()
        .orElseThrow();
  }

  private static List<CandidateSlot> crossedDay(Clinician clinician, LocalDate day, ZoneId zone) {
    List<CandidateSlot> daySlots = new ArrayList<>(SLOTS_PER_CLINICIAN_DAY);
    daySlots.addAll(
        run(clinician, AppointmentKind.INJECTION, day, LocalTime.of(8, 0), 10, 30, zone));
    daySlots.addAll(run(clinician, AppointmentKind.HARVEST, day, LocalTime.of(13, 0), 5, 60, zone));
    return daySlots;
  }

  private static List<CandidateSlot> openDay(Clinician clinician, LocalDate day, ZoneId zone) {
    List<CandidateSlot> daySlots = new ArrayList<>(SLOTS_PER_CLINICIAN_DAY);
    daySlots.addAll(
        run(clinician, AppointmentKind.HARVEST, day, OPEN_DAY_FIRST_HARVEST, 3, 60, zone));
    daySlots.addAll(
        run(clinician, AppointmentKind.INJECTION, day, OPEN_DAY_FIRST_INJECTION, 12, 30, zone));
    return daySlots;
  }

  /**
   * Back-to-back slots of one kind, harvests in the procedure room and injections in the injection
   * room.
   */
  private static List<CandidateSlot> run(
      Clinician clinician,
      AppointmentKind kind,
      LocalDate day,
      LocalTime first,
      int count,
      int minutes,
      ZoneId zone) {
    UUID room =
        kind == AppointmentKind.HARVEST ? clinician.procedureRoomId() : clinician.injectionRoomId();
    List<CandidateSlot> run = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant startsAt =
          ZonedDateTime.of(day, first.plusMinutes((long) i * minutes), zone).toInstant();
      run.add(
          new CandidateSlot(
              UUID.randomUUID(),
              kind,
              clinician.clinicianId(),
              clinician.siteId(),
              room,
              startsAt,
              startsAt.plusSeconds(60L * minutes),
              zone));
    }
    return run;
  }
}
