/**
 * Eligibility review: the automatic pre-screen (named rules, each returning an explainable finding), then a
 * clinician's decision.
 */
package org.cellpath.referral.review;
