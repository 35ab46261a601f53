/**
 * The settings every service shares, with their defaults, in one place ({@code
 * service-defaults.yml}); a service's {@code application.yml} holds only what is its own.
 */
@NullMarked
package org.cellpath.defaults;

import org.jspecify.annotations.NullMarked;
