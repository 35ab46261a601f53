package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackPortsTest {

  @Test
  void usesTheDocumentedDefaults() {
    assertThat(LocalStack.Ports.fromEnvironment(Map.of()))
        .isEqualTo(new LocalStack.Ports(9092, 5433, 2525, 8025, 8026, 8090, 8084));
  }

  @Test
  void takesPortsFromTheEnvironment() {
    assertThat(
            LocalStack.Ports.fromEnvironment(
                Map.of(
                    "KAFKA_PORT",
                    "19092",
                    "POSTGRES_PORT",
                    " 15433 ",
                    "SMTP_PORT",
                    "12525",
                    "MAIL_UI_PORT",
                    "18025",
                    "SMS_PORT",
                    "18026",
                    "TOKEN_ISSUER_PORT",
                    "18090",
                    "CONSOLE_PORT",
                    "18084")))
        .isEqualTo(new LocalStack.Ports(19092, 15433, 12525, 18025, 18026, 18090, 18084));
  }

  @Test
  void refusesSomethingThatIsNotAPort() {
    assertThatThrownBy(() -> LocalStack.Ports.fromEnvironment(Map.of("KAFKA_PORT", "kafka")))
        .hasMessageContaining("KAFKA_PORT");
    assertThatThrownBy(() -> LocalStack.Ports.fromEnvironment(Map.of("POSTGRES_PORT", "70000")))
        .hasMessageContaining("POSTGRES_PORT");
  }

  @Test
  void shipsTheFirstReferralExample() {
    assertThat(LocalStack.firstReferralExample()).isNotBlank();
  }
}
