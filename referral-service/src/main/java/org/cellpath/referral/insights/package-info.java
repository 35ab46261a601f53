/**
 * What the clinic learns from its outcomes (docs/outcomes.md, "What the clinic learns"): the
 * outcomes summary by condition, cell source, age band and health factor, and the outcomes of
 * similar past cases beside a review. Scores leave this package in aggregate only, and only for
 * groups of at least {@link org.cellpath.referral.insights.Statistics#MINIMUM_GROUP} cases.
 */
@NullMarked
package org.cellpath.referral.insights;

import org.jspecify.annotations.NullMarked;
