/**
 * notification-service: turns referral and scheduling events into patient messages, queues them
 * durably and delivers each exactly once per event, kind and recipient, with retries and a delivery
 * log for staff.
 */
@NullMarked
package org.cellpath.notification;

import org.jspecify.annotations.NullMarked;
