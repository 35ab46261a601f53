/** Kafka consumers: referral and scheduling events in, through the idempotent inbox, to the patient messages. */
package org.cellpath.notification.messaging;
