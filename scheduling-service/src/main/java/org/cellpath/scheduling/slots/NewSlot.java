package org.cellpath.scheduling.slots;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;

/** A slot a scheduler asks for: a day and a start in the room's site's zone, and a length. */
public record NewSlot(
    UUID clinicianId,
    UUID roomId,
    AppointmentKind kind,
    LocalDate date,
    LocalTime startTime,
    int durationMinutes) {}
