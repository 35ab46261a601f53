package org.cellpath.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingTest {

  @Test
  void aRequiredSettingLeftOutOrBlankIsNamedWithItsVariableAndProperty() {
    Setting password = Setting.databasePassword("DB_PASSWORD", "spring.datasource.password");

    assertThat(password.problem(null))
        .contains("DB_PASSWORD (spring.datasource.password) is not set");
    assertThat(password.problem("  "))
        .contains("DB_PASSWORD (spring.datasource.password) is not set");
  }

  @Test
  void aSettingReadUnderItsOwnNameIsNamedOnce() {
    assertThat(Setting.secret("EVENT_CONTACT_KEY", "EVENT_CONTACT_KEY", List.of()).problem(""))
        .contains("EVENT_CONTACT_KEY is not set");
  }

  @Test
  void aPublishedDemoValueIsRefusedWithoutRepeatingIt() {
    Setting secret =
        Setting.secret(
            "SMS_INBOUND_SECRET",
            "cellpath.notifications.sms.inbound-secret",
            List.of("local-only-sms-inbound-secret"));

    assertThat(secret.problem(" local-only-sms-inbound-secret "))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .isEqualTo(
                        "SMS_INBOUND_SECRET (cellpath.notifications.sms.inbound-secret) is a demo value published with "
                            + "CellPath")
                    .doesNotContain("local-only-sms-inbound-secret"));
    assertThat(secret.problem("a-secret-of-the-deployments-own")).isEmpty();
  }

  @Test
  void databaseDemoPasswordsAreRefusedInAnyCase() {
    Setting password = Setting.databasePassword("DB_PASSWORD", "spring.datasource.password");

    for (String demo : List.of("cellpath", "postgres", "Postgres", "PASSWORD", "changeme")) {
      assertThat(password.problem(demo)).as(demo).isPresent();
    }
    assertThat(password.problem("Yq3v9-fJ2k-Lr8w")).isEmpty();
  }

  @Test
  void anOptionalSettingMayBeLeftOutButNotGivenADemoValue() {
    Setting key =
        Setting.optional("SMS_PROVIDER_API_KEY", "cellpath.notifications.sms-provider.api-key")
            .refusingDemoValues(List.of("local-only-key"));

    assertThat(key.problem(null)).isEmpty();
    assertThat(key.problem("")).isEmpty();
    assertThat(key.problem("local-only-key")).isPresent();
    assertThat(key.problem("the-providers-key")).isEmpty();
  }

  @Test
  void theLocalTokenIssuerIsRefusedAsIssuerAndAsKeySet() {
    Setting issuer = Setting.tokenIssuer("JWT_ISSUER", "cellpath.security.jwt.issuer");
    Setting keys = Setting.tokenKeySet("JWT_JWK_SET_URI", "cellpath.security.jwt.jwk-set-uri");

    assertThat(issuer.problem("https://local-dev.cellpath.invalid/issuer"))
        .contains(
            "JWT_ISSUER (cellpath.security.jwt.issuer) names the local development token issuer, which signs any role "
                + "without a login");
    assertThat(keys.problem("http://127.0.0.1:8090/.well-known/jwks.json"))
        .contains(
            "JWT_JWK_SET_URI (cellpath.security.jwt.jwk-set-uri) points at the local development token issuer's keys, "
                + "which sign any role without a login");
    assertThat(issuer.problem("https://login.clinic.example/realms/cellpath")).isEmpty();
    assertThat(
            keys.problem(
                "https://login.clinic.example/realms/cellpath/protocol/openid-connect/certs"))
        .isEmpty();
  }
}
