package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.cellpath.infra.DevTokenIssuer;
import org.junit.jupiter.api.Test;

class WebConsoleSpecTest {

  @Test
  void theConsoleSignsInWithTheDevelopmentIssuerAndCallsTheThreeServices() {
    ServiceSpec spec =
        WebConsole.spec(
            Path.of("/repo"),
            8084,
            URI.create("http://localhost:8081"),
            URI.create("http://localhost:8082"),
            URI.create("http://localhost:8083"),
            URI.create("http://127.0.0.1:8090"));

    assertThat(spec.jar()).isEqualTo(Path.of("/repo/web-console/target/web-console.jar"));
    assertThat(spec.environment())
        .containsEntry("SERVER_PORT", "8084")
        .containsEntry("REFERRAL_SERVICE_URL", "http://localhost:8081")
        .containsEntry("SCHEDULING_SERVICE_URL", "http://localhost:8082")
        .containsEntry("NOTIFICATION_SERVICE_URL", "http://localhost:8083")
        .containsEntry("CONSOLE_SIGN_IN", "dev-issuer")
        .containsEntry("DEV_TOKEN_URL", "http://127.0.0.1:8090/token")
        .containsEntry("JWT_JWK_SET_URI", "http://127.0.0.1:8090/.well-known/jwks.json")
        .containsEntry("JWT_ISSUER", DevTokenIssuer.ISSUER)
        .containsEntry("JWT_AUDIENCE", DevTokenIssuer.AUDIENCE);
  }

  @Test
  void withKeycloakTheConsoleIsConfiguredAsDockerComposeConfiguresIt() {
    OidcSignIn keycloak =
        OidcSignIn.keycloak(
            URI.create("http://localhost:8180"),
            URI.create("http://keycloak:8080"),
            "cellpath",
            "cellpath-web-console",
            "local-only-web-console-secret");

    ServiceSpec spec =
        WebConsole.oidcSpec(
            Path.of("/repo"),
            8084,
            URI.create("http://referral-service:8081"),
            URI.create("http://scheduling-service:8082"),
            URI.create("http://notification-service:8083"),
            keycloak);

    assertThat(spec.environment())
        .containsEntry("CONSOLE_SIGN_IN", "oidc")
        .containsEntry("REFERRAL_SERVICE_URL", "http://referral-service:8081")
        .containsEntry("JWT_ISSUER", "http://localhost:8180/realms/cellpath")
        .containsEntry(
            "JWT_JWK_SET_URI", "http://keycloak:8080/realms/cellpath/protocol/openid-connect/certs")
        .containsEntry("JWT_AUDIENCE", "cellpath-api")
        .containsEntry("OIDC_CLIENT_ID", "cellpath-web-console")
        .containsEntry("OIDC_CLIENT_SECRET", "local-only-web-console-secret")
        .containsEntry(
            "OIDC_AUTHORIZATION_URI",
            "http://localhost:8180/realms/cellpath/protocol/openid-connect/auth")
        .containsEntry(
            "OIDC_TOKEN_URI", "http://keycloak:8080/realms/cellpath/protocol/openid-connect/token")
        .containsEntry(
            "OIDC_JWK_SET_URI",
            "http://keycloak:8080/realms/cellpath/protocol/openid-connect/certs")
        .containsEntry(
            "OIDC_LOGOUT_URI",
            "http://localhost:8180/realms/cellpath/protocol/openid-connect/logout")
        .doesNotContainKey("DEV_TOKEN_URL");
    assertThat(keycloak.toString()).doesNotContain("local-only-web-console-secret");
  }
}
