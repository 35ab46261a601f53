package org.cellpath.referral.review;

import java.time.LocalDate;
import java.util.List;
import org.cellpath.referral.referral.ReferralDetails;

/**
 * One named pre-screen rule: reads the referral as of a day, returns what it found (often nothing).
 */
interface EligibilityRule {

  List<Finding> assess(ReferralDetails referral, LocalDate today);
}
