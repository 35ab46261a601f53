/** Physicians submit referrals: what a referral holds, how it is validated, and the submission use case. */
package org.cellpath.referral.intake;
