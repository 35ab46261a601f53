/**
 * Operators' tools for the consuming side of every service (ADR 18): replay from a binding's dead-letter topic
 * through the binding's own idempotent consumer.
 */
package org.cellpath.messaging.operations;
