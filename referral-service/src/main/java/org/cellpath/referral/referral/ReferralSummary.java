package org.cellpath.referral.referral;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.Side;

/**
 * One line of a physician's referral list.
 *
 * @param patientName the patient's given and family name, so that the physician can recognise the
 *     case; for the response body only, never for a log line, URL or metric
 */
public record ReferralSummary(
    UUID id,
    ReferralStatus status,
    Condition condition,
    Side side,
    Instant submittedAt,
    Instant updatedAt,
    String patientName) {}
