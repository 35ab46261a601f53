/**
 * Eligibility review: the automatic pre-screen (named rules, each returning an explainable
 * finding), then a clinician's decision. The review API is for reviewers only (findings are
 * clinical); every read and decision is audited.
 */
@NullMarked
package org.cellpath.referral.review;

import org.jspecify.annotations.NullMarked;
