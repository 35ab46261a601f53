package org.cellpath.scheduling.slots;

/**
 * Published (as a Spring application event, inside the transaction) when slots become free for
 * booking: created, unblocked, or let go by a cancelled appointment. The waitlist listens after
 * commit.
 */
public record SlotsReleased(String reason) {}
