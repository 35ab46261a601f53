/**
 * The database roles every service runs with: migrations as the owner, the service as a role that
 * owns nothing and holds only the grants the shared migration gives it.
 */
@NullMarked
package org.cellpath.database;

import org.jspecify.annotations.NullMarked;
