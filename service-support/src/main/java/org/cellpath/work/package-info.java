/**
 * Background work every service needs: a worker thread that runs rounds when woken or when its
 * interval passes, and its health ({@code backgroundWorkers} in {@code /actuator/health}: DOWN when
 * a thread died or its rounds keep failing).
 */
@NullMarked
package org.cellpath.work;

import org.jspecify.annotations.NullMarked;
