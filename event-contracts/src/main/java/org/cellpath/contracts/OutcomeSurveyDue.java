package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A questionnaire is open for the patient to answer (docs/domain.md §9): notification-service sends
 * its link by email, and by SMS to a patient who can get SMS. The same survey is due a second time,
 * as a reminder, when it is still unanswered after 3 days. Nothing of the answers or the scores is
 * here: only what it takes to send the link.
 *
 * @param surveyId the questionnaire the link opens (the link's subject)
 * @param reminder false for the first invitation, true for the reminder
 * @param closesAt when the questionnaire stops taking answers; the link expires then
 * @param patient whom to send the link to
 */
public record OutcomeSurveyDue(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID surveyId,
    SurveyTimePoint timePoint,
    boolean reminder,
    Instant closesAt,
    PatientContact patient)
    implements ReferralEvent {}
