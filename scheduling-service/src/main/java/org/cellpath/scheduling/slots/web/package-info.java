/** The scheduler's HTTP API for slots. */
@NullMarked
package org.cellpath.scheduling.slots.web;

import org.jspecify.annotations.NullMarked;
