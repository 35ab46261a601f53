package org.cellpath.scheduling.slots;

import java.util.List;
import java.util.UUID;

/**
 * What a weekly template made.
 *
 * @param created the ids of the slots created, earliest first
 * @param skipped how many slots of the pattern were not created: they would overlap a slot of the
 *     clinician or the room, would start in the past, or at a local time that does not exist (a
 *     daylight-saving gap)
 */
public record TemplateOutcome(List<UUID> created, int skipped) {

  public TemplateOutcome {
    created = List.copyOf(created);
  }
}
