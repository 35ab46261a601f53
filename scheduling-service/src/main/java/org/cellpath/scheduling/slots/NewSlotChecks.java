package org.cellpath.scheduling.slots;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.domain.FieldProblem;
import org.cellpath.scheduling.clinic.ClinicDirectory;
import org.cellpath.scheduling.clinic.Room;
import org.springframework.stereotype.Component;

/**
 * What every new slot needs, however it is asked for (one slot or a template): who, where and how
 * long.
 */
@Component
class NewSlotChecks {

  /** Longest slot a scheduler can create; a day's session, not a week. */
  static final int MAX_DURATION_MINUTES = 8 * 60;

  private final ClinicDirectory directory;

  NewSlotChecks(ClinicDirectory directory) {
    this.directory = directory;
  }

  /** The problems of the clinician, room and length asked for; empty when there are none. */
  List<FieldProblem> problems(UUID clinicianId, UUID roomId, int durationMinutes) {
    List<FieldProblem> problems = new ArrayList<>();
    if (directory.clinician(clinicianId).isEmpty()) {
      problems.add(new FieldProblem("clinicianId", "no such clinician"));
    }
    if (directory.room(roomId).isEmpty()) {
      problems.add(new FieldProblem("roomId", "no such room"));
    }
    if (durationMinutes < 5 || durationMinutes > MAX_DURATION_MINUTES) {
      problems.add(
          new FieldProblem("durationMinutes", "must be between 5 and " + MAX_DURATION_MINUTES));
    }
    return problems;
  }

  /** The time zone of the room's site, in which the slot's day and start are meant. */
  ZoneId zoneOf(UUID roomId) {
    Optional<Room> room = directory.room(roomId);
    return directory.site(room.orElseThrow().siteId()).orElseThrow().timeZone();
  }
}
