/**
 * The reports that close the loop to the referring physician (docs/domain.md §9, docs/outcomes.md):
 * an interim report when the 6-week questionnaire is submitted and a final one at 24 weeks, each
 * made ready once and announced by {@code OutcomeReportReady}, and the physician's view of the
 * case's scores over time with the change from baseline.
 */
@NullMarked
package org.cellpath.referral.reports;

import org.jspecify.annotations.NullMarked;
