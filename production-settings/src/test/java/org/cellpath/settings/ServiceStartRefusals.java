package org.cellpath.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every service's start-up check refuses outside the local profile, run against a service
 * started for real: each secret all three services need, missing or a published demo value, and the
 * local token issuer. A service's test names its application and adds its own settings ({@link
 * #ownSettings()}) and their cases.
 */
public abstract class ServiceStartRefusals {

  private static final Map<String, String> SHARED =
      Map.of(
          "EVENT_CONTACT_KEY", "6VaxWY+iTE7FS0Y5n+XO5kkHXXBoi6cjX+9PlxIoTv0=",
          "DB_PASSWORD", "Yq3v9-fJ2k-Lr8w-a-service-of-its-own",
          "JWT_ISSUER", "https://login.clinic.example/realms/cellpath",
          "JWT_JWK_SET_URI",
              "https://login.clinic.example/realms/cellpath/protocol/openid-connect/certs");

  /** The service's Spring Boot application class. */
  protected abstract Class<?> application();

  /** Real-looking values of the settings only this service needs (none by default). */
  protected Map<String, String> ownSettings() {
    return Map.of();
  }

  /** Every setting with a real-looking value: the check lets the service start. */
  protected final Map<String, String> realLooking() {
    Map<String, String> settings = new HashMap<>(SHARED);
    settings.putAll(ownSettings());
    return settings;
  }

  /**
   * The service started outside the local profile with these settings changed from the real-looking
   * ones.
   */
  protected final StartAttempt.Outcome startWith(Map<String, String> changes) {
    Map<String, String> settings = realLooking();
    settings.putAll(changes);
    return StartAttempt.outsideLocalProfile(application(), settings);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
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
      """)
  void outsideTheLocalProfileAMissingOrDemoSettingStopsTheStartNamingIt(
      String variable, String value, String problem) {
    assertThat(startWith(Map.of(variable, value == null ? "" : value)).problems())
        .containsExactly(problem);
  }

  @Test
  void withNothingSetEverySettingIsNamedInOneRefusal() {
    Map<String, String> nothing = new HashMap<>();
    realLooking().keySet().forEach(variable -> nothing.put(variable, ""));

    List<String> expected =
        new ArrayList<>(
            List.of(
                "EVENT_CONTACT_KEY is not set",
                "DB_PASSWORD (spring.datasource.password) is not set",
                "JWT_ISSUER (cellpath.security.jwt.issuer) is not set",
                "JWT_JWK_SET_URI (cellpath.security.jwt.jwk-set-uri) is not set"));
    expected.addAll(ownSettingsNotSet());
    assertThat(startWith(nothing).problems()).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** How the check names each of {@link #ownSettings()} when it is not set. */
  protected List<String> ownSettingsNotSet() {
    return List.of();
  }

  @Test
  void realLookingSettingsGetPastTheCheck() {
    assertThat(startWith(Map.of()).refused()).isFalse();
  }
}
