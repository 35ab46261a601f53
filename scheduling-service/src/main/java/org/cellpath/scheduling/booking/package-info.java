/**
 * Booking: an approved referral becomes a scheduling case, and the case's appointment pair is
 * booked, waitlisted, rescheduled, cancelled and attended here. The waitlist and attendance stay in
 * this package rather than in their own: retrying a waitlisted case is booking it again (under the
 * same locks, waitlisted cases before new approvals), and attendance is one more transition of the
 * same {@link org.cellpath.scheduling.booking.AppointmentPair}. The rules that choose a pair live
 * in {@code planning}; the slots, in {@code slots}.
 */
@NullMarked
package org.cellpath.scheduling.booking;

import org.jspecify.annotations.NullMarked;
