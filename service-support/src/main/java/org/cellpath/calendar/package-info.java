/**
 * iCalendar (RFC 5545) files of a patient's appointments: attached to their emails and served on
 * their own page, so the appointments land in the patient's calendar.
 */
@NullMarked
package org.cellpath.calendar;

import org.jspecify.annotations.NullMarked;
