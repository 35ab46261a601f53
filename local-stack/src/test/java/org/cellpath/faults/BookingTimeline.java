package org.cellpath.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What scheduling told the world about each case, read from its topic alone (each event once,
 * however often the relay sent it): the versions of each appointment pair with their times, places
 * and people, when each version was live, and the case's other reports (waitlisted, attended,
 * missed). Double booking is computed from this as well as from the database: two live versions
 * that put one room or one clinician in two places at once.
 */
final class BookingTimeline {

  /** One appointment as the booking events describe it. */
  record Appointment(
      String id,
      String kind,
      Instant start,
      Instant end,
      String zone,
      String clinician,
      String site,
      String room) {

    boolean overlaps(Appointment other) {
      return start.isBefore(other.end) && other.start.isBefore(end);
    }
  }

  /**
   * One version of a pair: booked (sequence 0) or moved (sequence n), live from the event that made
   * it until the event that replaced or cancelled it ({@code until} null while it still holds its
   * slots).
   */
  record Version(
      String referralId,
      String pairId,
      int sequence,
      List<Appointment> appointments,
      Instant from,
      Instant until,
      boolean cancelled) {

    Appointment first() {
      return appointments.stream().min(Comparator.comparing(Appointment::start)).orElseThrow();
    }

    String key() {
      return pairId + "#" + sequence;
    }

    boolean liveAt(Instant moment) {
      return !moment.isBefore(from) && (until == null || moment.isBefore(until));
    }

    boolean liveTogether(Version other) {
      Instant end = until == null ? Instant.MAX : until;
      Instant otherEnd = other.until == null ? Instant.MAX : other.until;
      return from.isBefore(otherEnd) && other.from.isBefore(end);
    }
  }

  /**
   * A report of scheduling's on the case: its type, when it happened, and the appointment it names
   * (if any).
   */
  record Report(
      String referralId,
      String type,
      Instant at,
      String pairId,
      int sequence,
      String appointmentId,
      String appointmentKind) {}

  private final Map<String, List<Version>> versions = new LinkedHashMap<>();
  private final Map<String, List<Report>> reports = new LinkedHashMap<>();

  BookingTimeline(List<Topics.TopicRecord> records, String schedulingTopic) {
    Set<String> seen = new HashSet<>();
    List<Topics.TopicRecord> events =
        records.stream()
            .filter(
                r ->
                    r.topic().equals(schedulingTopic)
                        && r.eventId() != null
                        && seen.add(r.eventId()))
            .toList();
    Map<String, Version> current = new LinkedHashMap<>();
    List<Report> all = new ArrayList<>();
    for (Topics.TopicRecord record : events) {
      JsonNode event;
      try {
        event = record.json();
      } catch (RuntimeException notJson) {
        continue;
      }
      String referralId = event.path("referralId").asString();
      Instant at;
      try {
        at = Instant.parse(event.path("occurredAt").asString());
      } catch (RuntimeException unreadable) {
        continue;
      }
      String pairId = event.path("pairId").asString(null);
      int sequence = event.path("sequence").asInt(0);
      JsonNode appointment = event.path("appointment");
      all.add(
          new Report(
              referralId,
              record.type(),
              at,
              pairId,
              sequence,
              appointment.path("appointmentId").asString(null),
              appointment.path("kind").asString(null)));
    }
    // A referral's events share a partition, so they are in order there; across partitions, order
    // by time.
    all.sort(Comparator.comparing(Report::at));
    Map<String, JsonNode> payloads = new LinkedHashMap<>();
    for (Topics.TopicRecord record : events) {
      try {
        payloads.put(record.eventId(), record.json());
      } catch (RuntimeException notJson) {
        // not an event
      }
    }
    for (Topics.TopicRecord record :
        events.stream().sorted(Comparator.comparing(r -> occurredAt(payloads, r))).toList()) {
      JsonNode event = payloads.get(record.eventId());
      if (event == null || occurredAt(payloads, record) == Instant.MIN) {
        continue;
      }
      String referralId = event.path("referralId").asString();
      Instant at = Instant.parse(event.path("occurredAt").asString());
      String pairId = event.path("pairId").asString(null);
      switch (record.type() == null ? "" : record.type()) {
        case "AppointmentPairBooked", "AppointmentPairRescheduled" -> {
          Version previous = current.get(pairId);
          if (previous != null) {
            replace(previous, at, false);
          }
          Version version =
              new Version(
                  referralId,
                  pairId,
                  event.path("sequence").asInt(0),
                  appointments(event.path("appointments")),
                  at,
                  null,
                  false);
          current.put(pairId, version);
          versions.computeIfAbsent(referralId, r -> new ArrayList<>()).add(version);
        }
        case "AppointmentPairCancelled" -> {
          Version previous = current.remove(pairId);
          if (previous != null) {
            replace(previous, at, true);
          }
        }
        default -> {}
      }
    }
    for (Report report : all) {
      reports.computeIfAbsent(report.referralId(), r -> new ArrayList<>()).add(report);
    }
  }

  private static Instant occurredAt(Map<String, JsonNode> payloads, Topics.TopicRecord record) {
    JsonNode event = payloads.get(record.eventId());
    try {
      return event == null ? Instant.MIN : Instant.parse(event.path("occurredAt").asString());
    } catch (RuntimeException unreadable) {
      return Instant.MIN;
    }
  }

  private void replace(Version previous, Instant at, boolean cancelled) {
    List<Version> list = versions.get(previous.referralId());
    list.set(
        list.indexOf(previous),
        new Version(
            previous.referralId(),
            previous.pairId(),
            previous.sequence(),
            previous.appointments(),
            previous.from(),
            at,
            cancelled));
  }

  private static List<Appointment> appointments(JsonNode array) {
    List<Appointment> appointments = new ArrayList<>();
    for (JsonNode a : array) {
      appointments.add(
          new Appointment(
              a.path("appointmentId").asString(),
              a.path("kind").asString(),
              Instant.parse(a.path("startsAt").asString()),
              Instant.parse(a.path("endsAt").asString()),
              a.path("timeZone").asString(),
              a.path("clinicianName").asString(),
              a.path("siteName").asString(),
              a.path("roomName").asString()));
    }
    return appointments;
  }

  /** Every version of every pair of the referral, oldest first. */
  List<Version> versionsOf(String referralId) {
    return versions.getOrDefault(referralId, List.of());
  }

  /** Scheduling's reports on the referral, oldest first. */
  List<Report> reportsOf(String referralId) {
    return reports.getOrDefault(referralId, List.of());
  }

  long count(String referralId, String type) {
    return reportsOf(referralId).stream().filter(r -> type.equals(r.type())).count();
  }

  /**
   * Two live versions (of different pairs, or of one pair at once) that hold one room or one
   * clinician at overlapping times: each such clash, described.
   */
  List<String> doubleBookings() {
    List<Version> all = versions.values().stream().flatMap(List::stream).toList();
    List<String> clashes = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        Version a = all.get(i);
        Version b = all.get(j);
        if (a.pairId().equals(b.pairId()) || !a.liveTogether(b)) {
          continue;
        }
        for (Appointment x : a.appointments()) {
          for (Appointment y : b.appointments()) {
            if (!x.overlaps(y)) {
              continue;
            }
            if (x.clinician().equals(y.clinician())) {
              clashes.add(
                  "clinician "
                      + x.clinician()
                      + " at "
                      + x.start()
                      + " in pairs "
                      + a.key()
                      + " (referral "
                      + a.referralId()
                      + ") and "
                      + b.key()
                      + " (referral "
                      + b.referralId()
                      + ")");
            } else if (x.site().equals(y.site()) && x.room().equals(y.room())) {
              clashes.add(
                  "room "
                      + x.room()
                      + " at "
                      + x.start()
                      + " in pairs "
                      + a.key()
                      + " (referral "
                      + a.referralId()
                      + ") and "
                      + b.key()
                      + " (referral "
                      + b.referralId()
                      + ")");
            }
          }
        }
      }
    }
    return clashes;
  }
}
