package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A scheduling milestone of the case as the referring physician follows it (booked, moved,
 * waitlisted, cancelled, completed, missed), with who to tell. Decisions have their own events.
 *
 * @param status the referral's status name, for example {@code SCHEDULED}
 * @param note a short phrase for the physician, with no patient data
 */
public record ReferralStatusChanged(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    String status,
    String note,
    PhysicianContact physician)
    implements ReferralEvent {}
