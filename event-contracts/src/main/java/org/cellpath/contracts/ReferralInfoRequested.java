package org.cellpath.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A clinician needs more before deciding; the physician answers by amending the referral. */
public record ReferralInfoRequested(
    UUID eventId, UUID referralId, Instant occurredAt, List<String> items, PhysicianContact physician)
    implements ReferralEvent {

  public ReferralInfoRequested {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
