/**
 * Signing in: OpenID Connect against the clinic's identity provider (or the local token issuer in
 * the local profile), the session's access tokens, and who the signed-in person is and which roles
 * they hold.
 */
@NullMarked
package org.cellpath.console.signin;

import org.jspecify.annotations.NullMarked;
