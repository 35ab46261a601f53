package org.cellpath.scheduling.booking;

import java.time.ZoneId;
import java.util.UUID;

/**
 * Where and with whom a slot is: what an appointment moved to it shows the patient and the
 * scheduler.
 */
record Place(
    ZoneId timeZone,
    UUID clinicianId,
    String clinicianName,
    UUID siteId,
    String siteName,
    String siteAddress,
    UUID roomId,
    String roomName) {}
