package org.cellpath.referral.referral;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One dated status change of a referral, with an optional note fit for the physician (no patient
 * data), and, for what scheduling reported, what happened and where and when ({@code detail}, null
 * for the rest and for entries stored before scheduling's reports carried it).
 */
public record TimelineEntry(
    ReferralStatus status, Instant at, @Nullable String note, @Nullable TimelineDetail detail) {}
