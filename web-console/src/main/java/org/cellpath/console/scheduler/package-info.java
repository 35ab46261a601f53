/**
 * The scheduler's pages: the clinic's sites, rooms and clinicians, slots and their templates, the
 * week's calendar, and booking, moving and cancelling harvest and injection pairs.
 */
@NullMarked
package org.cellpath.console.scheduler;

import org.jspecify.annotations.NullMarked;
