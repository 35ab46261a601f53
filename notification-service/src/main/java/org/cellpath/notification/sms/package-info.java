/**
 * Everything SMS: the texts and the rules every text obeys, the rules an SMS must pass when it is
 * about to go (opt-outs, sending window, daily and weekly limits), the patient's replies (opt-out
 * words), and the channel to a JSON-over-HTTP SMS provider behind a circuit breaker, a bulkhead, a
 * retry and a rate limiter (Resilience4j, instance {@code sms}). Phone numbers and texts never
 * reach logs, exception messages or metrics. The provider's reply webhook is in {@code web}.
 */
@NullMarked
package org.cellpath.notification.sms;

import org.jspecify.annotations.NullMarked;
