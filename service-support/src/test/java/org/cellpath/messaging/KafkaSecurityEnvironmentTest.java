package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityEnvironmentTest {

  @Test
  void setsNothingWithoutASecurityProtocol() {
    assertThat(KafkaSecurityEnvironment.settings(Map.of("KAFKA_SASL_USERNAME", "cellpath")::get))
        .isEmpty();
  }

  @Test
  void saslSslWithScramAndATrustStore() {
    Map<String, Object> settings =
        KafkaSecurityEnvironment.settings(
            Map.of(
                    "KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                    "KAFKA_SASL_USERNAME", "referral-service",
                    "KAFKA_SASL_PASSWORD", "pa\"ss",
                    "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/cellpath/kafka-ca.pem",
                    "KAFKA_SSL_TRUSTSTORE_TYPE", "pem")
                ::get);

    assertThat(settings)
        .containsEntry("spring.kafka.security.protocol", "SASL_SSL")
        .containsEntry("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "spring.kafka.properties.sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"referral-service\" "
                + "password=\"pa\\\"ss\";")
        .containsEntry("spring.kafka.ssl.trust-store-location", "file:/etc/cellpath/kafka-ca.pem")
        .containsEntry("spring.kafka.ssl.trust-store-type", "PEM")
        .doesNotContainKey("spring.kafka.ssl.key-store-location");
  }

  @Test
  void tlsOnlyWithAClientCertificateForMutualTls() {
    Map<String, Object> settings =
        KafkaSecurityEnvironment.settings(
            Map.of(
                    "KAFKA_SECURITY_PROTOCOL",
                    "SSL",
                    "KAFKA_SSL_TRUSTSTORE_LOCATION",
                    "/etc/ca.p12",
                    "KAFKA_SSL_TRUSTSTORE_PASSWORD",
                    "changeit",
                    "KAFKA_SSL_KEYSTORE_LOCATION",
                    "/etc/client.p12",
                    "KAFKA_SSL_KEYSTORE_PASSWORD",
                    "secret")
                ::get);

    assertThat(settings)
        .containsEntry("spring.kafka.security.protocol", "SSL")
        .containsEntry("spring.kafka.ssl.trust-store-password", "changeit")
        .containsEntry("spring.kafka.ssl.key-store-location", "file:/etc/client.p12")
        .containsEntry("spring.kafka.ssl.key-store-type", "PKCS12")
        .doesNotContainKey("spring.kafka.properties.sasl.mechanism");
  }

  @Test
  void refusesSaslWithoutCredentialsAndUnknownValues() {
    assertThatThrownBy(
            () ->
                KafkaSecurityEnvironment.settings(
                    Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")::get))
        .hasMessageContaining("KAFKA_SASL_USERNAME");
    assertThatThrownBy(
            () -> KafkaSecurityEnvironment.settings(Map.of("KAFKA_SECURITY_PROTOCOL", "TLS")::get))
        .hasMessageContaining("KAFKA_SECURITY_PROTOCOL");
    assertThatThrownBy(
            () ->
                KafkaSecurityEnvironment.settings(
                    Map.of(
                            "KAFKA_SECURITY_PROTOCOL",
                            "SASL_SSL",
                            "KAFKA_SASL_MECHANISM",
                            "PLAIN",
                            "KAFKA_SASL_USERNAME",
                            "u",
                            "KAFKA_SASL_PASSWORD",
                            "p")
                        ::get))
        .hasMessageContaining("KAFKA_SASL_MECHANISM");
  }
}
