/**
 * Outcomes reported by patients (docs/domain.md §9, docs/outcomes.md): the instruments (pain NRS,
 * FAOS, VISA-A) with their items, wording and scoring, the change between two time points, and the
 * 12-week rule that asks a clinician to look. Pure domain so far: nothing stored, nothing served.
 */
@NullMarked
package org.cellpath.referral.outcomes;

import org.jspecify.annotations.NullMarked;
