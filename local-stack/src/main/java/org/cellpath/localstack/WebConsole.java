package org.cellpath.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cellpath.infra.DevTokenIssuer;

/**
 * The web console: where its jar is after a build, its default port, and the environment it needs
 * to call the three services and to sign people in, with the development token issuer or at an
 * OpenID Connect provider.
 */
public final class WebConsole {

  /** The module and jar name. */
  public static final String NAME = "web-console";

  /** 8084: next to the services' 8081-8083; 8080 is left to whatever else a developer runs. */
  public static final int DEFAULT_PORT = 8084;

  private WebConsole() {}

  /** Returns {@code <repoRoot>/web-console/target/web-console.jar}. */
  public static Path jar(Path repoRoot) {
    return repoRoot.resolve(NAME).resolve("target").resolve(NAME + ".jar");
  }

  /**
   * Returns a spec that runs the console against the services and the development token issuer.
   *
   * @param repoRoot the checkout root holding the built jar
   * @param port the console's HTTP port
   * @param referral referral-service's base URL
   * @param scheduling scheduling-service's base URL
   * @param notification notification-service's base URL
   * @param tokenIssuer the development token issuer's base URL, such as {@code
   *     http://127.0.0.1:8090}
   * @return the spec, with the default JVM options
   */
  public static ServiceSpec spec(
      Path repoRoot, int port, URI referral, URI scheduling, URI notification, URI tokenIssuer) {
    Map<String, String> env = serviceUrls(referral, scheduling, notification);
    env.put("CONSOLE_SIGN_IN", "dev-issuer");
    env.put("DEV_TOKEN_URL", tokenIssuer.resolve("/token").toString());
    env.put("JWT_JWK_SET_URI", tokenIssuer.resolve("/.well-known/jwks.json").toString());
    env.put("JWT_ISSUER", DevTokenIssuer.ISSUER);
    env.put("JWT_AUDIENCE", DevTokenIssuer.AUDIENCE);
    return ServiceSpec.of(NAME, jar(repoRoot), port).withEnv(env);
  }

  /**
   * Returns a spec that runs the console against the services, signing people in at an OpenID
   * Connect provider as docker-compose does ({@code CONSOLE_SIGN_IN=oidc}): authorization code at
   * the provider's login page, the provider's access token relayed to the services, and sign-out
   * ending the provider's session too.
   *
   * @param repoRoot the checkout root holding the built jar
   * @param port the console's HTTP port
   * @param referral referral-service's base URL
   * @param scheduling scheduling-service's base URL
   * @param notification notification-service's base URL
   * @param provider the provider's endpoints and the console's client
   * @return the spec, with the default JVM options
   */
  public static ServiceSpec oidcSpec(
      Path repoRoot,
      int port,
      URI referral,
      URI scheduling,
      URI notification,
      OidcSignIn provider) {
    Map<String, String> env = serviceUrls(referral, scheduling, notification);
    env.put("CONSOLE_SIGN_IN", "oidc");
    env.put("OIDC_CLIENT_ID", provider.clientId());
    env.put("OIDC_CLIENT_SECRET", provider.clientSecret());
    env.put("OIDC_AUTHORIZATION_URI", provider.authorizationUri().toString());
    env.put("OIDC_TOKEN_URI", provider.tokenUri().toString());
    env.put("OIDC_JWK_SET_URI", provider.jwkSetUri().toString());
    env.put("OIDC_LOGOUT_URI", provider.logoutUri().toString());
    env.put("JWT_JWK_SET_URI", provider.jwkSetUri().toString());
    env.put("JWT_ISSUER", provider.issuer());
    env.put("JWT_AUDIENCE", DevTokenIssuer.AUDIENCE);
    return ServiceSpec.of(NAME, jar(repoRoot), port).withEnv(env);
  }

  /** The development issuer's base URL, as the console reaches it. */
  public static URI issuerUrl(DevTokenIssuer issuer) {
    return URI.create("http://127.0.0.1:" + issuer.port());
  }

  /** The three services' base URLs, as the console reads them; a map the caller may add to. */
  private static Map<String, String> serviceUrls(URI referral, URI scheduling, URI notification) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("REFERRAL_SERVICE_URL", referral.toString());
    env.put("SCHEDULING_SERVICE_URL", scheduling.toString());
    env.put("NOTIFICATION_SERVICE_URL", notification.toString());
    return env;
  }
}
