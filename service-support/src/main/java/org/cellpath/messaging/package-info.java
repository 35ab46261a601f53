/**
 * The messaging foundation every CellPath service uses: a transactional {@link org.cellpath.messaging.Outbox}
 * relayed to Kafka in order, idempotent consumers through {@link org.cellpath.messaging.InboundEvents}, and
 * dead-lettering whose headers never carry patient data. Infrastructure only: no domain, no JPA.
 */
package org.cellpath.messaging;
