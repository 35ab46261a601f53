/**
 * referral-service: physicians' referrals, the eligibility pre-screen and the reviewer's decision,
 * and the referral's status as scheduling reports it, for the physician to follow to the end.
 */
@NullMarked
package org.cellpath.referral;

import org.jspecify.annotations.NullMarked;
