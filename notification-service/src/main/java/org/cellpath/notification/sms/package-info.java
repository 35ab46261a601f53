/**
 * The SMS channel: a JSON-over-HTTP SMS provider behind a circuit breaker, a bulkhead, a retry and a rate limiter
 * (Resilience4j, instance {@code sms}). Phone numbers and texts never reach logs, exception messages or metrics.
 */
package org.cellpath.notification.sms;
