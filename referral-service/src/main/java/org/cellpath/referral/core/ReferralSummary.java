package org.cellpath.referral.core;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.Side;
import org.cellpath.referral.intake.Condition;

/** One line of a physician's referral list. */
public record ReferralSummary(UUID id, ReferralStatus status, Condition condition, Side side, Instant submittedAt,
    Instant updatedAt) {}
