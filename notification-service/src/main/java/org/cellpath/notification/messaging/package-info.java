/**
 * Kafka consumers: referral and scheduling events in, through the idempotent inbox, to the patient
 * and physician messages.
 */
@NullMarked
package org.cellpath.notification.messaging;

import org.jspecify.annotations.NullMarked;
