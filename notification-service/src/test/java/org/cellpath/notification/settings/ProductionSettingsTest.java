package org.cellpath.notification.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.cellpath.notification.NotificationApplication;
import org.cellpath.settings.StartAttempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * notification-service started for real outside the local profile: each secret missing or a published demo value, and
 * the local token issuer, stops the start naming the setting; real-looking settings get past the check. (With the
 * local profile and no setting at all it starts: {@code LocalProfileStartIT}.)
 */
class ProductionSettingsTest {

  private static final Map<String, String> REAL_LOOKING = Map.of(
      "EVENT_CONTACT_KEY", "6VaxWY+iTE7FS0Y5n+XO5kkHXXBoi6cjX+9PlxIoTv0=",
      "DB_PASSWORD", "Yq3v9-fJ2k-Lr8w-notification",
      "JWT_ISSUER", "https://login.clinic.example/realms/cellpath",
      "JWT_JWK_SET_URI", "https://login.clinic.example/realms/cellpath/protocol/openid-connect/certs",
      "SMS_INBOUND_SECRET", "b7f0c2e9a4d1-shared-with-the-sms-provider");

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
      EVENT_CONTACT_KEY     |                                              | EVENT_CONTACT_KEY is not set
      EVENT_CONTACT_KEY     | Y2VsbHBhdGgtbG9jYWwtb25seS1jb250YWN0LWtleSE= | EVENT_CONTACT_KEY is a demo value published with CellPath
      EVENT_CONTACT_KEY     | ZGVtby1vbmx5LW5vdC1mb3ItcHJvZHVjdGlvbi11c2U= | EVENT_CONTACT_KEY is a demo value published with CellPath
      DB_PASSWORD           |                                              | DB_PASSWORD (spring.datasource.password) is not set
      DB_PASSWORD           | cellpath                                     | DB_PASSWORD (spring.datasource.password) is a demo value published with CellPath
      DB_PASSWORD           | postgres                                     | DB_PASSWORD (spring.datasource.password) is a demo value published with CellPath
      DB_MIGRATION_PASSWORD | cellpath                                     | DB_MIGRATION_PASSWORD is a demo value published with CellPath
      JWT_ISSUER            |                                              | JWT_ISSUER (cellpath.security.jwt.issuer) is not set
      JWT_ISSUER            | https://local-dev.cellpath.invalid/issuer    | JWT_ISSUER (cellpath.security.jwt.issuer) names the local development token issuer, which signs any role without a login
      JWT_JWK_SET_URI       |                                              | JWT_JWK_SET_URI (cellpath.security.jwt.jwk-set-uri) is not set
      JWT_JWK_SET_URI       | http://127.0.0.1:8090/.well-known/jwks.json  | JWT_JWK_SET_URI (cellpath.security.jwt.jwk-set-uri) points at the local development token issuer's keys, which sign any role without a login
      SMS_INBOUND_SECRET    |                                              | SMS_INBOUND_SECRET (cellpath.notifications.sms.inbound-secret) is not set
      SMS_INBOUND_SECRET    | local-only-sms-inbound-secret                | SMS_INBOUND_SECRET (cellpath.notifications.sms.inbound-secret) is a demo value published with CellPath
      SMS_PROVIDER_API_KEY  | local-only-key                               | SMS_PROVIDER_API_KEY (cellpath.notifications.sms-provider.api-key) is a demo value published with CellPath
      """)
  void outsideTheLocalProfileAMissingOrDemoSettingStopsTheStartNamingIt(String variable, String value,
      String problem) {
    Map<String, String> settings = new HashMap<>(REAL_LOOKING);
    settings.put(variable, value == null ? "" : value);

    StartAttempt.Outcome outcome = StartAttempt.outsideLocalProfile(NotificationApplication.class, settings);

    assertThat(outcome.problems()).containsExactly(problem);
  }

  @Test
  void withNothingSetEverySettingIsNamedInOneRefusal() {
    Map<String, String> nothing = new HashMap<>();
    REAL_LOOKING.keySet().forEach(variable -> nothing.put(variable, ""));

    assertThat(StartAttempt.outsideLocalProfile(NotificationApplication.class, nothing).problems())
        .containsExactlyInAnyOrder("EVENT_CONTACT_KEY is not set",
            "DB_PASSWORD (spring.datasource.password) is not set",
            "JWT_ISSUER (cellpath.security.jwt.issuer) is not set",
            "JWT_JWK_SET_URI (cellpath.security.jwt.jwk-set-uri) is not set",
            "SMS_INBOUND_SECRET (cellpath.notifications.sms.inbound-secret) is not set");
  }

  @Test
  void realLookingSettingsGetPastTheCheck() {
    assertThat(StartAttempt.outsideLocalProfile(NotificationApplication.class, REAL_LOOKING).refused()).isFalse();
  }

  @Test
  void anSmsProviderKeyMayBeLeftOutWhereThereIsNoProvider() {
    Map<String, String> settings = new HashMap<>(REAL_LOOKING);
    settings.put("SMS_PROVIDER_API_KEY", "");

    assertThat(StartAttempt.outsideLocalProfile(NotificationApplication.class, settings).refused()).isFalse();
  }
}
