/**
 * Kafka consumers: referral and scheduling events in, through the idempotent inbox, to the patient and physician
 * messages.
 */
package org.cellpath.notification.messaging;
