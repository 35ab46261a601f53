package org.cellpath.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The shared defaults rank below everything a service or a deployment sets, and above Spring's
 * default properties.
 */
class ServiceDefaultsTest {

  private static final String ZONE = "cellpath.clinic.time-zone";

  @Test
  void aSettingNoServiceGivesTakesTheSharedDefault() {
    MockEnvironment environment = new MockEnvironment();

    new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(ZONE)).isEqualTo("America/Los_Angeles");
  }

  @Test
  void theDeploymentsEnvironmentVariableSetsIt() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("CLINIC_TIME_ZONE", "America/Chicago");

    new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(ZONE)).isEqualTo("America/Chicago");
  }

  @Test
  void aServicesOwnConfigurationFileWinsEvenWhenItWasReadFirst() {
    MockEnvironment environment = new MockEnvironment();
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("application.yml", Map.of(ZONE, "Europe/Madrid")));

    new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(ZONE)).isEqualTo("Europe/Madrid");
  }

  @Test
  void springsDefaultPropertiesStayBelowTheSharedDefaults() {
    MockEnvironment environment = new MockEnvironment();
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("defaultProperties", Map.of(ZONE, "UTC")));

    new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(ZONE)).isEqualTo("America/Los_Angeles");
  }
}
