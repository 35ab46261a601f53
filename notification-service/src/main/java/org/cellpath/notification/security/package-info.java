/**
 * The service's HTTP security: bearer tokens and roles for the staff APIs, the signed SMS webhook
 * left open to its check.
 */
@NullMarked
package org.cellpath.notification.security;

import org.jspecify.annotations.NullMarked;
