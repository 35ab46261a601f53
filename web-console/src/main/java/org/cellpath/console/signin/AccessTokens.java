package org.cellpath.console.signin;

import java.util.Optional;

/**
 * The signed-in person's access token, relayed to the services on every call. It lives on the
 * server only (in the HTTP session or the OAuth2 client's store), never in a page, a URL or a log
 * line.
 */
public interface AccessTokens {

  /** The current request's access token; empty when no one is signed in or the token is gone. */
  Optional<String> current();
}
