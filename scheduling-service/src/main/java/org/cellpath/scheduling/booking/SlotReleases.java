package org.cellpath.scheduling.booking;

import org.cellpath.scheduling.slots.SlotsReleased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The release generation ({@code slot_release}): raised in the transaction of every change that
 * adds or frees slots, and compared with the generation each waitlisted case was last planned
 * against ({@code tried_generation}), so that a new approval knows whether older cases have had
 * their turn at the slots released so far.
 */
@Component
class SlotReleases {

  /**
   * @param generation the release generation
   * @param behind whether a waitlisted case was last planned against an older generation
   */
  record WaitlistState(long generation, boolean behind) {}

  private final JdbcClient jdbc;

  SlotReleases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Raises the generation inside the releasing transaction (the event is published there, before
   * commit), so that the slots and the raised generation become visible together.
   */
  @EventListener
  void released(SlotsReleased released) {
    jdbc.sql("update slot_release set generation = generation + 1").update();
  }

  long generation() {
    return jdbc.sql("select generation from slot_release").query(Long.class).single();
  }

  /** The generation, and whether any waitlisted case is behind it: one row and one index probe. */
  WaitlistState state() {
    return jdbc.sql(
            """
            select r.generation,
                   exists (select 1 from scheduling_case c
                            where c.status = 'WAITLISTED' and c.tried_generation < r.generation) as behind
              from slot_release r
            """)
        .query((rs, row) -> new WaitlistState(rs.getLong("generation"), rs.getBoolean("behind")))
        .single();
  }
}
