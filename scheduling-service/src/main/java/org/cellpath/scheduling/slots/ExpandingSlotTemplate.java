package org.cellpath.scheduling.slots;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates the slots of a weekly template. */
@Service
public class ExpandingSlotTemplate {

  private static final Logger log = LoggerFactory.getLogger(ExpandingSlotTemplate.class);

  private final SlotStore store;
  private final NewSlotChecks checks;
  private final Clock clock;

  ExpandingSlotTemplate(SlotStore store, NewSlotChecks checks, Clock clock) {
    this.store = store;
    this.checks = checks;
    this.clock = clock;
  }

  /**
   * Creates the slots of a weekly template, in one transaction, skipping those that would overlap
   * an existing slot of the clinician or the room (the database's exclusion constraints decide,
   * with {@code on conflict do nothing}, so a slot created meanwhile by someone else is skipped
   * too), or start in the past or in a daylight-saving gap.
   *
   * @throws InvalidValueException naming every bad field: the clinician or room does not exist, or
   *     the pattern is not one
   */
  @Transactional
  public TemplateOutcome createFromTemplate(SlotTemplate template) {
    List<FieldProblem> problems =
        new ArrayList<>(
            checks.problems(template.clinicianId(), template.roomId(), template.durationMinutes()));
    if (template.weekdays().isEmpty()) {
      problems.add(new FieldProblem("weekdays", "must name at least one weekday"));
    }
    if (!template.endTime().isAfter(template.startTime())) {
      problems.add(new FieldProblem("endTime", "must be after startTime"));
    }
    problems.addAll(
        TimeWindow.problems(
            template.from(), template.to(), "from", "to", SlotQueries.MAX_LISTING_DAYS));
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    ZoneId zone = checks.zoneOf(template.roomId());
    Instant now = clock.instant();
    List<UUID> created = new ArrayList<>();
    int skipped = 0;
    for (LocalDate day = template.from(); !day.isAfter(template.to()); day = day.plusDays(1)) {
      if (!template.weekdays().contains(day.getDayOfWeek())) {
        continue;
      }
      for (LocalTime start = template.startTime();
          !start.plusMinutes(template.durationMinutes()).isAfter(template.endTime())
              && !start.plusMinutes(template.durationMinutes()).isBefore(start);
          start = start.plusMinutes(template.durationMinutes())) {
        Optional<UUID> slot = insertUnlessTaken(template, day, start, zone, now);
        if (slot.isPresent()) {
          created.add(slot.get());
        } else {
          skipped++;
        }
      }
    }
    log.info(
        "Template for clinician {} in room {}: {} slot(s) created, {} skipped",
        template.clinicianId(),
        template.roomId(),
        created.size(),
        skipped);
    if (!created.isEmpty()) {
      store.released("template");
    }
    return new TemplateOutcome(created, skipped);
  }

  /**
   * Inserts one slot of a template; empty when it would overlap, lie in the past or in a
   * daylight-saving gap.
   */
  private Optional<UUID> insertUnlessTaken(
      SlotTemplate template, LocalDate day, LocalTime start, ZoneId zone, Instant now) {
    return Slots.existingInstantAt(day, start, zone)
        .filter(startsAt -> !startsAt.isBefore(now))
        .flatMap(
            startsAt ->
                store.insertUnlessOverlapping(
                    template.clinicianId(),
                    template.roomId(),
                    template.kind(),
                    startsAt,
                    startsAt.plusSeconds(60L * template.durationMinutes())));
  }
}
