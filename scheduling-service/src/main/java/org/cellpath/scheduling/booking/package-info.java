/**
 * Booking: an approved referral becomes a scheduling case, the planner picks the earliest fitting harvest and
 * injection pair, and both slots are booked in one transaction or the case goes to the waitlist.
 */
@NullMarked
package org.cellpath.scheduling.booking;

import org.jspecify.annotations.NullMarked;
