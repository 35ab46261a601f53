/**
 * The patient's questionnaires at their time points (docs/domain.md §9.2, docs/outcomes.md): made
 * at approval and when a pair is booked, moved and stopped by what scheduling reports, opened,
 * reminded and missed by a sweep, answered through the patient's link and scored on submission.
 */
@NullMarked
package org.cellpath.referral.surveys;

import org.jspecify.annotations.NullMarked;
