package org.cellpath.referral.surveys;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.SurveyTimePoint;

/**
 * A patient submitted a questionnaire and its scores are stored: published inside the submitting
 * transaction (a Spring application event, never on Kafka), so that what follows from the scores
 * (the 12-week review, the physician's reports) commits with them or not at all.
 */
public record SurveySubmitted(
    UUID surveyId, UUID referralId, SurveyTimePoint timePoint, Instant submittedAt) {}
