package org.cellpath.referral.surveys;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.SurveyTimePoint;

/**
 * A questionnaire closed unanswered: published by the sweep inside the transaction that records the
 * miss (a Spring application event, never on Kafka), so that what follows (the 12-week task, the
 * physician's report saying the patient did not answer) commits with it or not at all.
 */
public record SurveyMissed(
    UUID surveyId, UUID referralId, SurveyTimePoint timePoint, Instant missedAt) {}
