/**
 * Physicians submit referrals and change them afterwards (amend when asked, withdraw): the intake
 * use cases.
 */
@NullMarked
package org.cellpath.referral.intake;

import org.jspecify.annotations.NullMarked;
