package org.cellpath.settings;

import java.util.List;

/**
 * The settings of this module's test application, listed in the test {@code
 * META-INF/spring.factories}.
 */
public class TestSettings implements ProductionSettings {

  static final String DEMO_SECRET = "local-only-test-secret";

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.secret("TEST_SECRET", "test.secret", List.of(DEMO_SECRET)),
        Setting.databasePassword("TEST_DB_PASSWORD", "test.datasource.password"),
        Setting.tokenIssuer("TEST_ISSUER", "test.jwt.issuer"),
        Setting.tokenKeySet("TEST_JWK_SET_URI", "test.jwt.jwk-set-uri"),
        Setting.optional("TEST_OPTIONAL_KEY", "TEST_OPTIONAL_KEY")
            .refusingDemoValues(List.of("local-only-key")));
  }
}
