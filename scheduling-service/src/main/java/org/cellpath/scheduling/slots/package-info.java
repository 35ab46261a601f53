/**
 * Slots: stretches of one clinician's time in one room, kept by schedulers. No two slots of a
 * clinician or of a room overlap (an exclusion constraint decides, not Java). A slot is free,
 * booked by one appointment, or blocked.
 */
@NullMarked
package org.cellpath.scheduling.slots;

import org.jspecify.annotations.NullMarked;
