/** The scheduler's HTTP API for contacts, case search and unconfirmed pairs. */
@NullMarked
package org.cellpath.scheduling.agenda.web;

import org.jspecify.annotations.NullMarked;
