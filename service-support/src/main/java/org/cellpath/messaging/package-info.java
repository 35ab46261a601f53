/**
 * The messaging foundation every CellPath service uses: a transactional {@link
 * org.cellpath.messaging.Outbox} relayed to Kafka in order per referral (a failing event is parked
 * without holding up other referrals), idempotent consumers through {@link
 * org.cellpath.messaging.InboundEvents}, and dead-lettering whose headers never carry patient data;
 * the outbox's health ({@code outbox}) and operator endpoint ({@code /actuator/outbox}), and the
 * retention of topics and published events (ADR 17). Infrastructure only: no domain, no JPA.
 */
@NullMarked
package org.cellpath.messaging;

import org.jspecify.annotations.NullMarked;
