package org.cellpath.console.scheduler;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.cellpath.console.api.SchedulingApi;

/**
 * A free slot offered in a booking or rescheduling select: its id and what the scheduler reads
 * (day, times, clinician, room).
 */
record SlotOption(UUID id, SchedulingApi.Slot slot, String clinician, String room) {

  /** The free slots of a kind, earliest first. */
  static List<SlotOption> free(List<SchedulingApi.Slot> slots, String kind, Clinic clinic) {
    return slots.stream()
        .filter(slot -> "FREE".equals(slot.status()) && kind.equals(slot.kind()))
        .sorted(Comparator.comparing(SchedulingApi.Slot::startsAt))
        .map(
            slot ->
                new SlotOption(
                    slot.id(), slot, clinic.name(slot.clinicianId()), clinic.name(slot.roomId())))
        .toList();
  }
}
