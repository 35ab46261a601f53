/**
 * The durable delivery queue: consumers queue rendered messages (one per event, kind and recipient), the
 * dispatcher claims due ones, hands them to a {@link org.cellpath.notification.delivery.DeliveryChannel}, retries
 * failures with exponential back-off and publishes {@code NotificationSent} or {@code NotificationFailed}.
 */
package org.cellpath.notification.delivery;
