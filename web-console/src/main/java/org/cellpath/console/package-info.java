/**
 * The CellPath web console, a backend-for-frontend (ADR 15): server-rendered pages that call
 * referral-service, scheduling-service and notification-service with the signed-in person's own
 * bearer token. It keeps no data of its own and never writes patient data to a log or a URL.
 */
@NullMarked
package org.cellpath.console;

import org.jspecify.annotations.NullMarked;
