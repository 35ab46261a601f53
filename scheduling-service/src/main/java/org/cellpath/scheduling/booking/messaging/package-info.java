/** The Kafka side of booking: approvals and withdrawals from referral-service. */
@NullMarked
package org.cellpath.scheduling.booking.messaging;

import org.jspecify.annotations.NullMarked;
