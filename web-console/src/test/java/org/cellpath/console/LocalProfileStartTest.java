package org.cellpath.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cellpath.console.ConsoleProperties.SignInMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With the local profile and no setting at all, the console starts on local-stack's values, with
 * one warning line.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalProfileStartTest {

  @Test
  void withTheLocalProfileAndNoSettingTheConsoleStartsSigningInAtTheDevelopmentIssuer(
      CapturedOutput output) {
    try (ConfigurableApplicationContext console =
        new SpringApplicationBuilder(WebConsoleApplication.class)
            .run(
                "--spring.profiles.active=local",
                "--server.port=0",
                "--spring.jmx.enabled=false")) {
      assertThat(console.isRunning()).isTrue();
      assertThat(console.getBean(ConsoleProperties.class).signIn())
          .isEqualTo(SignInMode.DEV_ISSUER);
    }

    List<String> warnings =
        output.getAll().lines().filter(line -> line.contains("Local profile:")).toList();
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("WARN")
        .contains("CONSOLE_SIGN_IN", "OIDC_CLIENT_SECRET", "JWT_ISSUER", "JWT_JWK_SET_URI");
  }
}
