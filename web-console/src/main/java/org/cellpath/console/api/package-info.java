/**
 * The console's clients of the three services' APIs, each call made with the signed-in person's own
 * token; a service's refusal comes back as its problem details, never as a guess.
 */
@NullMarked
package org.cellpath.console.api;

import org.jspecify.annotations.NullMarked;
