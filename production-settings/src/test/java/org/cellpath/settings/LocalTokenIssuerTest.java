package org.cellpath.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalTokenIssuerTest {

  @Test
  void theLocalIssuersNameAndAnyNameUnderInvalidAreTheLocalIssuer() {
    assertThat(LocalTokenIssuer.isIssuer("https://local-dev.cellpath.invalid/issuer")).isTrue();
    assertThat(LocalTokenIssuer.isIssuer(" https://local-dev.cellpath.invalid/issuer ")).isTrue();
    assertThat(LocalTokenIssuer.isIssuer("https://other.INVALID/realm")).isTrue();
    assertThat(LocalTokenIssuer.isIssuer("https://login.clinic.example/realms/cellpath")).isFalse();
    assertThat(LocalTokenIssuer.isIssuer("http://localhost:8180/realms/cellpath")).isFalse();
  }

  @Test
  void theLocalIssuersKeysAreItsKeyPathOnAnyLoopbackAddressAndPort() {
    assertThat(LocalTokenIssuer.isKeySet("http://127.0.0.1:8090/.well-known/jwks.json")).isTrue();
    assertThat(LocalTokenIssuer.isKeySet("http://127.0.0.1:41234/.well-known/jwks.json")).isTrue();
    assertThat(LocalTokenIssuer.isKeySet("http://localhost:8090/.well-known/jwks.json")).isTrue();
    assertThat(LocalTokenIssuer.isKeySet("http://127.8.0.1:8090/.well-known/jwks.json")).isTrue();
    assertThat(LocalTokenIssuer.isKeySet("http://[::1]:8090/.well-known/jwks.json")).isTrue();
    assertThat(LocalTokenIssuer.isKeySet("https://keys.cellpath.invalid/jwks")).isTrue();
  }

  @Test
  void anIdentityProvidersKeysAreNot() {
    assertThat(LocalTokenIssuer.isKeySet("https://login.clinic.example/.well-known/jwks.json"))
        .isFalse();
    assertThat(
            LocalTokenIssuer.isKeySet(
                "http://keycloak:8080/realms/cellpath/protocol/openid-connect/certs"))
        .isFalse();
    assertThat(
            LocalTokenIssuer.isKeySet(
                "http://127.0.0.1:8180/realms/cellpath/protocol/openid-connect/certs"))
        .isFalse();
    assertThat(LocalTokenIssuer.isKeySet("not a uri at all")).isFalse();
  }
}
