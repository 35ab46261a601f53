package org.cellpath.contracts;

/** Events published by referral-service on {@link Topics#REFERRAL_EVENTS}. */
public sealed interface ReferralEvent extends CellPathEvent
    permits ReferralSubmitted,
        EligibilityReviewOpened,
        ReferralApproved,
        ReferralDeclined,
        ReferralInfoRequested,
        ReferralAmended,
        ReferralWithdrawn,
        ReferralStatusChanged,
        OutcomeSurveyDue,
        OutcomeReportReady {}
