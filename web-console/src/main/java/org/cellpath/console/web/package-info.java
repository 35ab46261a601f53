/**
 * What every page shares: the layout's model, formats in the viewer's language, field errors from a
 * service's problem details, the body limit, and the pages shown when a service refuses or cannot
 * be reached.
 */
@NullMarked
package org.cellpath.console.web;

import org.jspecify.annotations.NullMarked;
