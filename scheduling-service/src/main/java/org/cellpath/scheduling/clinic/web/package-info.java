/** The scheduler's HTTP API for clinicians, sites and rooms. */
@NullMarked
package org.cellpath.scheduling.clinic.web;

import org.jspecify.annotations.NullMarked;
