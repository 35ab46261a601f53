package org.cellpath.referral.surveys;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.SurveyTimePoint;

/**
 * A questionnaire closed unanswered: published inside the sweep's transaction that recorded the
 * miss (a Spring application event, never on Kafka), so that what follows (the 12-week task)
 * commits with it or not at all.
 */
public record SurveyMissed(
    UUID surveyId, UUID referralId, SurveyTimePoint timePoint, Instant missedAt) {}
