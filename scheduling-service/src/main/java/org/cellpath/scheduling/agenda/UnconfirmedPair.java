package org.cellpath.scheduling.agenda;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A booked pair whose first appointment comes soon and that the patient has not confirmed as it
 * stands: never confirmed, or confirmed before a move raised its sequence.
 *
 * @param confirmedSequence the sequence the patient confirmed; null when never confirmed
 * @param kind of the first appointment: HARVEST, or INJECTION for a donated product
 */
public record UnconfirmedPair(
    UUID pairId,
    Contact contact,
    int sequence,
    @Nullable Integer confirmedSequence,
    String kind,
    Instant startsAt,
    ZoneId timeZone,
    String clinicianName,
    String siteName,
    String roomName) {}
