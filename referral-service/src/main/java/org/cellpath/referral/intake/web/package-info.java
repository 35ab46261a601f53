/**
 * The physician's API: submit a referral, follow, amend or withdraw it; only their own referrals,
 * by the NPI claim of their token, and every read and change audited.
 */
@NullMarked
package org.cellpath.referral.intake.web;

import org.jspecify.annotations.NullMarked;
