package org.cellpath.scheduling.booking.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.scheduling.booking.AppointmentPair;
import org.cellpath.scheduling.booking.BookedAppointment;
import org.cellpath.scheduling.booking.BookingStatus;
import org.cellpath.scheduling.booking.CaseSummary;
import org.cellpath.scheduling.booking.SchedulingCaseQueries;
import org.cellpath.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What schedulers read about bookings: appointment pairs, scheduling cases and the waitlist. Responses hold ids,
 * times and places, never patient contact details.
 */
@RestController
@RequestMapping("/api")
class AppointmentPairController {

  private final SchedulingCaseQueries queries;

  AppointmentPairController(SchedulingCaseQueries queries) {
    this.queries = queries;
  }

  /** Every pair of the referral, cancelled ones included, oldest first. */
  @GetMapping("/appointment-pairs")
  List<PairResponse> pairsOfReferral(@RequestParam UUID referralId) {
    return queries.pairsOfReferral(referralId).stream().map(PairResponse::of).toList();
  }

  @GetMapping("/appointment-pairs/{pairId}")
  PairResponse pair(@PathVariable UUID pairId) {
    return queries.pair(pairId).map(PairResponse::of)
        .orElseThrow(() -> new NotFoundException("Appointment pair " + pairId + " does not exist"));
  }

  @GetMapping("/scheduling-cases/{referralId}")
  CaseSummary schedulingCase(@PathVariable UUID referralId) {
    return queries.schedulingCase(referralId)
        .orElseThrow(() -> new NotFoundException("Referral " + referralId + " has no scheduling case"));
  }

  /** Waitlisted cases, the longest waiting first. */
  @GetMapping("/waitlist")
  List<CaseSummary> waitlist() {
    return queries.waitlist();
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
      return new PairResponse(pair.id(), pair.referralId(), pair.status(), pair.sequence(), pair.bookedAt(),
          pair.cancelledAt(), pair.appointments().stream().map(AppointmentResponse::of).toList());
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
      return new AppointmentResponse(appointment.id(), appointment.kind(), appointment.status(),
          appointment.slotId(), appointment.startsAt(), appointment.endsAt(), appointment.timeZone().getId(),
          start.toLocalDate(), start.toLocalTime(), appointment.endsAt().atZone(appointment.timeZone()).toLocalTime(),
          new Ref(appointment.clinicianId(), appointment.clinicianName()),
          new SiteRef(appointment.siteId(), appointment.siteName(), appointment.siteAddress()),
          new Ref(appointment.roomId(), appointment.roomName()));
    }
  }

  record Ref(UUID id, String name) {}

  record SiteRef(UUID id, String name, String address) {}
}
