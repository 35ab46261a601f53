package org.cellpath.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console as a deployment runs it, outside the local profile (the tests run in it, and it turns
 * {@code Secure} off for plain http://localhost): signing in at the identity provider opens a
 * session whose cookie is {@code Secure}, {@code HttpOnly} and {@code SameSite=Lax}. Lax, not
 * Strict: the browser comes back from the identity provider on a cross-site redirect, which must
 * carry the session.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.profiles.active=",
      "OIDC_CLIENT_SECRET=Qm4d7Hc2-the-consoles-own-client-secret",
      "OIDC_AUTHORIZATION_URI=" + SessionCookieOutsideTheLocalProfileTest.KEYCLOAK + "auth",
      "OIDC_TOKEN_URI=" + SessionCookieOutsideTheLocalProfileTest.KEYCLOAK + "token",
      "OIDC_JWK_SET_URI=" + SessionCookieOutsideTheLocalProfileTest.KEYCLOAK + "certs",
      "OIDC_LOGOUT_URI=" + SessionCookieOutsideTheLocalProfileTest.KEYCLOAK + "logout",
      "JWT_ISSUER=https://login.clinic.example/realms/cellpath",
      "JWT_JWK_SET_URI=" + SessionCookieOutsideTheLocalProfileTest.KEYCLOAK + "certs"
    })
class SessionCookieOutsideTheLocalProfileTest {

  static final String KEYCLOAK =
      "https://login.clinic.example/realms/cellpath/protocol/openid-connect/";

  @LocalServerPort int port;

  @Test
  void theSessionCookieIsSecureHttpOnlyAndSameSiteLaxByDefault() throws Exception {
    // Starting the sign-in keeps the authorization request in the session: the first answer sets
    // the cookie.
    HttpResponse<String> signIn =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/oauth2/authorization/cellpath"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).startsWith(KEYCLOAK + "auth"));
    String cookie =
        signIn.headers().allValues("Set-Cookie").stream()
            .filter(value -> value.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no session cookie in " + signIn.headers().map()));
    List<String> attributes = Arrays.stream(cookie.split(";")).map(String::strip).toList();
    assertThat(attributes).contains("Secure", "HttpOnly", "SameSite=Lax");
  }
}
