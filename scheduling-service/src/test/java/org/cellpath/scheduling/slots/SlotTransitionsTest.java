package org.cellpath.scheduling.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.domain.StateConflictException;
import org.junit.jupiter.api.Test;

/** A scheduler blocks and frees a slot no appointment holds; a booked slot waits for its pair. */
class SlotTransitionsTest {

  private static final Instant STARTS = Instant.parse("2026-12-15T16:00:00Z");

  @Test
  void aFreeSlotIsBlockedAndABlockedOneFreed() {
    Slot free = slot(false, null);

    Slot blocked = free.block();

    assertThat(blocked.status()).isEqualTo(SlotStatus.BLOCKED);
    assertThat(blocked.free().status()).isEqualTo(SlotStatus.FREE);
  }

  @Test
  void blockingABlockedSlotOrFreeingAFreeOneChangesNothing() {
    assertThat(slot(true, null).block()).isEqualTo(slot(true, null));
    Slot free = slot(false, null);
    assertThat(free.free()).isEqualTo(free);
  }

  @Test
  void aBookedSlotIsNeitherBlockedNorFreedByAScheduler() {
    Slot booked = slot(false, UUID.randomUUID());

    assertThatThrownBy(booked::block)
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("before blocking it");
    assertThatThrownBy(booked::free)
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("cancel the pair to free it");
  }

  private static final UUID ID = UUID.randomUUID();
  private static final UUID CLINICIAN = UUID.randomUUID();
  private static final UUID ROOM = UUID.randomUUID();
  private static final UUID SITE = UUID.randomUUID();

  private static Slot slot(boolean blocked, UUID pairId) {
    return new Slot(
        ID,
        CLINICIAN,
        ROOM,
        SITE,
        AppointmentKind.HARVEST,
        STARTS,
        STARTS.plusSeconds(2700),
        ZoneId.of("America/Los_Angeles"),
        blocked,
        pairId == null ? null : UUID.randomUUID(),
        pairId);
  }
}
