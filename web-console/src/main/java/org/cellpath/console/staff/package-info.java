/**
 * The delivery log for staff: every message about a referral, or every message to one patient,
 * found by contact details sent in a POST body, never in a URL.
 */
@NullMarked
package org.cellpath.console.staff;

import org.jspecify.annotations.NullMarked;
