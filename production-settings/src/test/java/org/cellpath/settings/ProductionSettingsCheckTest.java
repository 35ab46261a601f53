package org.cellpath.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

/**
 * The check as an application meets it: a real start of a small application whose settings ({@link
 * TestSettings}) are read like the services' (application.yml without defaults,
 * application-local.yml with demo values).
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSettingsCheckTest {

  private static final Map<String, String> REAL_LOOKING =
      Map.of(
          "TEST_SECRET", "k2V9x-a-secret-of-the-deployments-own",
          "TEST_DB_PASSWORD", "Yq3v9-fJ2k-Lr8w",
          "TEST_ISSUER", "https://login.clinic.example/realms/cellpath",
          "TEST_JWK_SET_URI",
              "https://login.clinic.example/realms/cellpath/protocol/openid-connect/certs");

  @Test
  void outsideTheLocalProfileEveryProblemIsNamedInOneRefusal() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("TEST_SECRET", "");
    settings.put("TEST_DB_PASSWORD", "Postgres");
    settings.put("TEST_ISSUER", "https://local-dev.cellpath.invalid/issuer");
    settings.put("TEST_JWK_SET_URI", "http://127.0.0.1:8090/.well-known/jwks.json");
    settings.put("TEST_OPTIONAL_KEY", "local-only-key");

    StartAttempt.Outcome outcome =
        StartAttempt.outsideLocalProfile(TestApplication.class, settings);

    assertThat(outcome.problems())
        .containsExactly(
            "TEST_SECRET (test.secret) is not set",
            "TEST_DB_PASSWORD (test.datasource.password) is a demo value published with CellPath",
            "TEST_ISSUER (test.jwt.issuer) names the local development token issuer, which signs any role without a "
                + "login",
            "TEST_JWK_SET_URI (test.jwt.jwk-set-uri) points at the local development token issuer's keys, which sign any "
                + "role without a login",
            "TEST_OPTIONAL_KEY is a demo value published with CellPath");
    assertThat(outcome.refusal().getMessage())
        .startsWith(
            "Refusing to start outside the local profile: 5 settings "
                + "need the deployment's own value:")
        .doesNotContain("Postgres", "local-only-key");
  }

  @Test
  void withoutAnyProfileAndNothingSetEveryRequiredSettingIsMissing() {
    StartAttempt.Outcome outcome =
        StartAttempt.outsideLocalProfile(TestApplication.class, Map.of());

    assertThat(outcome.problems())
        .containsExactly(
            "TEST_SECRET (test.secret) is not set",
            "TEST_DB_PASSWORD (test.datasource.password) is not set",
            "TEST_ISSUER (test.jwt.issuer) is not set",
            "TEST_JWK_SET_URI (test.jwt.jwk-set-uri) is not set");
  }

  @Test
  void anotherProfileIsNotTheLocalOne() {
    assertThat(
            StartAttempt.withProfiles("production,eu", TestApplication.class, Map.of()).refused())
        .isTrue();
  }

  @Test
  void realLookingSettingsGetPastTheCheckAndTheApplicationStarts() {
    assertThat(StartAttempt.outsideLocalProfile(TestApplication.class, REAL_LOOKING).refused())
        .isFalse();

    try (ConfigurableApplicationContext context = application().run(arguments("", REAL_LOOKING))) {
      assertThat(context.isActive()).isTrue();
    }
  }

  @Test
  void theRefusalIsReportedAsAFailedStartWithWhatToDo(CapturedOutput output) {
    assertThatThrownBy(
            () -> application().run(arguments("", Map.of("TEST_DB_PASSWORD", "cellpath"))))
        .isInstanceOf(ProductionSettingsException.class);

    assertThat(output.getOut() + output.getErr())
        .contains(
            "APPLICATION FAILED TO START",
            "TEST_SECRET (test.secret) is not set",
            "TEST_DB_PASSWORD (test.datasource.password) is a demo value published with CellPath",
            "scripts/generate-env.sh",
            "SPRING_PROFILES_ACTIVE=local");
  }

  @Test
  void inTheLocalProfileTheDemoValuesStartWithOneWarningLine(CapturedOutput output) {
    try (ConfigurableApplicationContext context = application().run(arguments("local", Map.of()))) {
      assertThat(context.getEnvironment().getProperty("test.secret"))
          .isEqualTo(TestSettings.DEMO_SECRET);
    }

    assertThat(warnings(output))
        .containsExactly(
            "Local profile: TEST_SECRET, TEST_DB_PASSWORD, TEST_ISSUER, "
                + "TEST_JWK_SET_URI have local-only or no values; outside the local profile this application refuses to start "
                + "with them");
  }

  @Test
  void aContextStartedInsideAnApplicationWithACopyOfItsEnvironmentIsNotCheckedAgain(
      CapturedOutput output) {
    try (ConfigurableApplicationContext parent = application().run(arguments("local", Map.of()))) {
      // As the Kafka binder starts its own context: a new environment merged from the
      // application's.
      StandardEnvironment copy = new StandardEnvironment();
      copy.merge(parent.getEnvironment());
      try (ConfigurableApplicationContext child = application().environment(copy).run()) {
        assertThat(child.isActive()).isTrue();
      }
    }

    assertThat(warnings(output)).hasSize(1);
  }

  private static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE);
  }

  private static String[] arguments(String profiles, Map<String, String> settings) {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of("--spring.profiles.active=" + profiles),
            settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()))
        .toArray(String[]::new);
  }

  private static java.util.List<String> warnings(CapturedOutput output) {
    return output
        .getAll()
        .lines()
        .filter(line -> line.contains("WARN") && line.contains("Local profile:"))
        .map(line -> line.substring(line.indexOf("Local profile:")))
        .toList();
  }

  @Configuration(proxyBeanMethods = false)
  static class TestApplication {}
}
