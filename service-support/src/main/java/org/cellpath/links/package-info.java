/**
 * The links in a patient's messages: a signed, expiring, single-purpose token that opens one
 * patient page without a login, and says nothing to whoever reads the address.
 */
@NullMarked
package org.cellpath.links;

import org.jspecify.annotations.NullMarked;
