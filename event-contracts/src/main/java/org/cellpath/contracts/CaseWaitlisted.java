package org.cellpath.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** No pair fitted within the search horizon; the case is booked as soon as fitting slots appear. */
public record CaseWaitlisted(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    LocalDate searchedFrom,
    LocalDate searchedUntil)
    implements SchedulingEvent {}
