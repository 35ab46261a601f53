/**
 * The one source of "now" in every service: the system clock in UTC, or, where a fault-test harness
 * asks for it, the system clock moved forward by an offset that the harness raises while the
 * service runs.
 */
@NullMarked
package org.cellpath.time;

import org.jspecify.annotations.NullMarked;
