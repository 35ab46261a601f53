/**
 * The start-up check every service and the web console share: outside the {@code local} profile, a
 * missing secret, a published demo value or the local development token issuer stops the start,
 * with every problem named at once (ADR 22).
 */
@NullMarked
package org.cellpath.settings;

import org.jspecify.annotations.NullMarked;
