/**
 * iCalendar (RFC 5545) files attached to patient emails, so the appointments land in the patient's
 * calendar.
 */
@NullMarked
package org.cellpath.notification.calendar;

import org.jspecify.annotations.NullMarked;
