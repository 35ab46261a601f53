package org.cellpath.referral.referral;

import java.time.Instant;

/**
 * One dated status change of a referral, with an optional note fit for the physician (no patient
 * data).
 */
public record TimelineEntry(ReferralStatus status, Instant at, String note) {}
