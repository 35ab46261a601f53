package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * One booked appointment as a patient needs to know it: when (UTC instants plus the site's zone),
 * where and with whom. Nothing clinical beyond its kind.
 */
public record Appointment(
    UUID appointmentId,
    AppointmentKind kind,
    Instant startsAt,
    Instant endsAt,
    String timeZone,
    String clinicianName,
    String siteName,
    String siteAddress,
    String roomName) {}
