/**
 * What scheduling-service writes to its audit trail (service-support's {@code org.cellpath.audit}).
 */
@NullMarked
package org.cellpath.scheduling.audit;

import org.jspecify.annotations.NullMarked;
