package org.cellpath.scheduling.planning;

import java.time.Instant;
import org.cellpath.contracts.AppointmentKind;

/**
 * One appointment the planner chose: it starts with its slot and lasts as long as its procedure.
 */
public record PlannedAppointment(
    AppointmentKind kind, CandidateSlot slot, Instant startsAt, Instant endsAt) {}
