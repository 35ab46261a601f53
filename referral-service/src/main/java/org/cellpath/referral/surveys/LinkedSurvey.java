package org.cellpath.referral.surveys;

import org.cellpath.referral.referral.Referral;

/** The survey a patient's link opens, with its referral (whose condition sets the instruments). */
public record LinkedSurvey(Survey survey, Referral referral) {}
