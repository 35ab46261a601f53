/**
 * The durable delivery queue: the features that write messages queue them rendered (one per event,
 * kind, recipient and channel), the dispatcher claims due ones, applies a channel's {@link
 * org.cellpath.notification.delivery.SendingRules}, hands them to a {@link
 * org.cellpath.notification.delivery.DeliveryChannel}, retries failures with exponential back-off,
 * and every change of a message's status is a transition of {@link
 * org.cellpath.notification.delivery.QueuedNotification} whose events ({@code NotificationSent},
 * {@code NotificationFailed}) the store publishes with it. Staff read the log in {@code web}.
 */
@NullMarked
package org.cellpath.notification.delivery;

import org.jspecify.annotations.NullMarked;
