/**
 * Who may call which scheduling endpoint: schedulers change, schedulers and administrators read, no
 * one else.
 */
@NullMarked
package org.cellpath.scheduling.security;

import org.jspecify.annotations.NullMarked;
