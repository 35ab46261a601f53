/**
 * The delivery log for staff: every message about a referral, or every message to one patient, found by contact
 * details sent in a POST body, never in a URL.
 */
package org.cellpath.console.staff;
