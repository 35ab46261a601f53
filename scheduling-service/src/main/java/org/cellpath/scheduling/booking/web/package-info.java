/** The scheduler's HTTP API for appointment pairs, scheduling cases and the waitlist. */
@NullMarked
package org.cellpath.scheduling.booking.web;

import org.jspecify.annotations.NullMarked;
