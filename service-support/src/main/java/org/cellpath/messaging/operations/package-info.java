/**
 * Operators' tools for the consuming side of every service (ADR 18): replay from a binding's
 * dead-letter topic through the binding's own idempotent consumer, consumer lag as a metric and a
 * health indicator, and detection of records that retention deleted before the consumer group read
 * them.
 */
@NullMarked
package org.cellpath.messaging.operations;

import org.jspecify.annotations.NullMarked;
