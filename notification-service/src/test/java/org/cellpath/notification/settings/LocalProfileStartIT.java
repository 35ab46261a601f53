package org.cellpath.notification.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cellpath.notification.NotificationApplication;
import org.cellpath.testsupport.IntegrationTestInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With the local profile and no setting at all, notification-service starts on its local-only
 * values, with one warning line naming them. The test infrastructure's database and broker are put
 * in after the check has read the settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalProfileStartIT {

  @Test
  void withTheLocalProfileAndNoSettingTheServiceStartsWithOneWarningLine(CapturedOutput output) {
    try (ConfigurableApplicationContext service =
        new SpringApplicationBuilder(NotificationApplication.class)
            .initializers(new IntegrationTestInitializer())
            .run(
                "--spring.profiles.active=local",
                "--server.port=0",
                "--spring.jmx.enabled=false")) {
      assertThat(service.isRunning()).isTrue();
    }

    List<String> warnings =
        output.getAll().lines().filter(line -> line.contains("Local profile:")).toList();
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("WARN")
        .contains(
            "EVENT_CONTACT_KEY",
            "DB_PASSWORD",
            "JWT_ISSUER",
            "JWT_JWK_SET_URI",
            "SMS_INBOUND_SECRET",
            "SMS_PROVIDER_API_KEY");
  }
}
