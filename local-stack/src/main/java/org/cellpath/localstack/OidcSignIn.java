package org.cellpath.localstack;

import java.net.URI;
import java.util.Objects;

/**
 * How the web console signs people in at an OpenID Connect provider (docker-compose: Keycloak): the
 * endpoints the browser is sent to at the provider's public address, the ones the console calls
 * itself at its internal address (the two differ under docker-compose, so the console does no
 * discovery), and the console's confidential client.
 *
 * @param issuer the {@code iss} of the provider's tokens, which the console and the services
 *     require
 * @param authorizationUri the login page's endpoint, as the browser reaches it
 * @param logoutUri the end-session endpoint, as the browser reaches it
 * @param tokenUri the token endpoint, as the console reaches it
 * @param jwkSetUri the provider's keys, as the console and the services reach them
 * @param clientId the console's client id
 * @param clientSecret the console's client secret
 */
public record OidcSignIn(
    String issuer,
    URI authorizationUri,
    URI logoutUri,
    URI tokenUri,
    URI jwkSetUri,
    String clientId,
    String clientSecret) {

  public OidcSignIn {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(authorizationUri, "authorizationUri");
    Objects.requireNonNull(logoutUri, "logoutUri");
    Objects.requireNonNull(tokenUri, "tokenUri");
    Objects.requireNonNull(jwkSetUri, "jwkSetUri");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
  }

  /**
   * A Keycloak realm's endpoints.
   *
   * @param publicUrl Keycloak as the browser reaches it (and its configured hostname), such as
   *     {@code http://localhost:8180}
   * @param internalUrl Keycloak as the console and the services reach it, such as {@code
   *     http://keycloak:8080}
   * @param realm the realm's name
   * @param clientId the console's client id in that realm
   * @param clientSecret the console's client secret
   * @return the sign-in settings
   */
  public static OidcSignIn keycloak(
      URI publicUrl, URI internalUrl, String realm, String clientId, String clientSecret) {
    String publicRealm = publicUrl.resolve("/realms/" + realm).toString();
    String internalRealm = internalUrl.resolve("/realms/" + realm).toString();
    String endpoints = "/protocol/openid-connect/";
    return new OidcSignIn(
        publicRealm,
        URI.create(publicRealm + endpoints + "auth"),
        URI.create(publicRealm + endpoints + "logout"),
        URI.create(internalRealm + endpoints + "token"),
        URI.create(internalRealm + endpoints + "certs"),
        clientId,
        clientSecret);
  }

  /** Leaves the client secret out. */
  @Override
  public String toString() {
    return "OidcSignIn[" + issuer + ", client " + clientId + "]";
  }
}
