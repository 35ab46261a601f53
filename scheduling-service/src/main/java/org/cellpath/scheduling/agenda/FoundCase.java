package org.cellpath.scheduling.agenda;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A case a search found: its contact, where it stands, and its booked pair if it has one.
 *
 * @param status WAITLISTED, BOOKED or CANCELLED (a scheduler cancelled its pair)
 * @param pairId the booked pair; null unless the case is booked
 * @param firstAppointmentAt when the booked pair's first open appointment starts; null without one
 */
public record FoundCase(
    Contact contact,
    String status,
    String cellSource,
    @Nullable Instant waitlistedAt,
    @Nullable UUID pairId,
    @Nullable Instant firstAppointmentAt) {}
