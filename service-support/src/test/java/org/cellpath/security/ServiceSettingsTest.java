package org.cellpath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cellpath.infra.DevTokenIssuer;
import org.cellpath.settings.Setting;
import org.junit.jupiter.api.Test;

/**
 * The settings every service lists refuse the local development token issuer as local-stack and the
 * tests run it.
 */
class ServiceSettingsTest {

  private final Map<String, Setting> settings =
      new ServiceSettings()
          .settings().stream().collect(Collectors.toMap(Setting::variable, Function.identity()));

  @Test
  void theRunningLocalIssuersNameAndKeysAreRefusedOnAnyPort() {
    try (DevTokenIssuer issuer = DevTokenIssuer.start(0)) {
      assertThat(settings.get("JWT_ISSUER").problem(DevTokenIssuer.ISSUER)).isPresent();
      assertThat(settings.get("JWT_JWK_SET_URI").problem(issuer.jwkSetUri())).isPresent();
    }
  }

  @Test
  void dockerComposesKeycloakIsNotTheLocalIssuer() {
    assertThat(settings.get("JWT_ISSUER").problem("http://localhost:8180/realms/cellpath"))
        .isEmpty();
    assertThat(
            settings
                .get("JWT_JWK_SET_URI")
                .problem("http://keycloak:8080/realms/cellpath/protocol/openid-connect/certs"))
        .isEmpty();
  }
}
