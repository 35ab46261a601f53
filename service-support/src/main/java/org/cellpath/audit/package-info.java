/**
 * The append-only audit trail every service keeps in its own database: who read patient data or
 * changed something, what, when, from where and how it ended; and what controllers use to write it.
 */
@NullMarked
package org.cellpath.audit;

import org.jspecify.annotations.NullMarked;
