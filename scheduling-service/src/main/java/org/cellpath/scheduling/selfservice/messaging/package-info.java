/** Consumes {@code notification-events}: a patient's YES by SMS confirms their pair. */
@NullMarked
package org.cellpath.scheduling.selfservice.messaging;

import org.jspecify.annotations.NullMarked;
