package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A report on the case's outcomes is in the referring physician's view of the referral. The email
 * notification-service sends says only that: the scores stay in referral-service, behind the
 * physician's sign-in.
 *
 * @param report which report is ready
 * @param physician whom to tell
 */
public record OutcomeReportReady(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    OutcomeReportKind report,
    PhysicianContact physician)
    implements ReferralEvent {}
