package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A scheduler closed the case (its pair was missed or cancelled, or it waited on the waitlist) and
 * returned it to the referring physician, who may refer the patient again. Final for the case.
 *
 * @param returnCode why, as a code only (named so, not "reason": a reason in words could be
 *     clinical, and {@code MinimumNecessaryTest} refuses any component named after one)
 */
public record CaseReturnedToReferrer(
    UUID eventId, UUID referralId, Instant occurredAt, ReturnReason returnCode)
    implements SchedulingEvent {}
