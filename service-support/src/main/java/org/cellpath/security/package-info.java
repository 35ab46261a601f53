/**
 * Every CellPath API is an OAuth2 resource server: signed JWTs (algorithm allow-list, issuer,
 * audience, expiry), roles from the {@code roles} claim, a physician's NPI from the {@code npi}
 * claim, 401 and 403 as problem details, every 403 written to the audit trail, and every 401
 * counted and sampled into it.
 */
@NullMarked
package org.cellpath.security;

import org.jspecify.annotations.NullMarked;
