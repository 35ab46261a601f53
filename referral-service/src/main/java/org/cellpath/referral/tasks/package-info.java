/**
 * The 12-week review's clinician task (docs/domain.md §9.4, docs/outcomes.md): opened once per case
 * when the 12-week scores ask for a look (or cannot be compared, or never came), listed in the
 * reviewing clinicians' worklist, and closed by the clinician recording what was done. The note is
 * clinical and is never logged or audited.
 */
@NullMarked
package org.cellpath.referral.tasks;

import org.jspecify.annotations.NullMarked;
