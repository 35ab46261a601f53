/** What scheduling-service writes to its audit trail (service-support's {@code org.cellpath.audit}). */
package org.cellpath.scheduling.audit;
