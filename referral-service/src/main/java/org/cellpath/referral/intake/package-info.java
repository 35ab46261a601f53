/** Physicians submit referrals and change them afterwards (amend when asked, withdraw): the intake use cases. */
package org.cellpath.referral.intake;
