package org.cellpath.messaging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the deployment's Kafka security variables into Spring's Kafka settings, which the binder,
 * the outbox producer and the topic admin all build on:
 *
 * <table>
 *   <caption>variables</caption>
 *   <tr><td>{@code KAFKA_SECURITY_PROTOCOL}</td><td>{@code PLAINTEXT} (default), {@code SSL},
 *       {@code SASL_PLAINTEXT} or {@code SASL_SSL}</td></tr>
 *   <tr><td>{@code KAFKA_SASL_MECHANISM}</td><td>{@code SCRAM-SHA-512} (default with SASL) or
 *       {@code SCRAM-SHA-256}</td></tr>
 *   <tr><td>{@code KAFKA_SASL_USERNAME}, {@code KAFKA_SASL_PASSWORD}</td><td>the SCRAM credentials</td></tr>
 *   <tr><td>{@code KAFKA_SSL_TRUSTSTORE_LOCATION}, {@code _PASSWORD}, {@code _TYPE}</td><td>the brokers' CA
 *       (a file path; type {@code PKCS12} by default, or {@code PEM})</td></tr>
 *   <tr><td>{@code KAFKA_SSL_KEYSTORE_LOCATION}, {@code _PASSWORD}, {@code _TYPE}</td><td>a client certificate, for
 *       brokers that want mutual TLS</td></tr>
 * </table>
 *
 * <p>Nothing is set when {@code KAFKA_SECURITY_PROTOCOL} is absent. Settings given directly as
 * {@code spring.kafka.*} win over these. The password goes into the JAAS line only, which is never
 * logged.
 */
public class KafkaSecurityEnvironment implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY_SOURCE = "cellpathKafkaSecurity";
  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> settings = settings(environment::getProperty);
    if (!settings.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, settings));
    }
  }

  /**
   * The Spring Kafka settings for the variables {@code variables} answers; empty without a security
   * protocol.
   */
  static Map<String, Object> settings(Function<String, String> variables) {
    Map<String, Object> settings = new LinkedHashMap<>();
    String protocol = blankToNull(variables.apply("KAFKA_SECURITY_PROTOCOL"));
    if (protocol == null) {
      return settings;
    }
    protocol = protocol.toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("KAFKA_SECURITY_PROTOCOL must be one of " + PROTOCOLS);
    }
    settings.put("spring.kafka.security.protocol", protocol);
    if (protocol.startsWith("SASL")) {
      String mechanism = blankToNull(variables.apply("KAFKA_SASL_MECHANISM"));
      mechanism = mechanism == null ? "SCRAM-SHA-512" : mechanism.toUpperCase(Locale.ROOT);
      if (!MECHANISMS.contains(mechanism)) {
        throw new IllegalArgumentException("KAFKA_SASL_MECHANISM must be one of " + MECHANISMS);
      }
      String username = blankToNull(variables.apply("KAFKA_SASL_USERNAME"));
      String password = variables.apply("KAFKA_SASL_PASSWORD");
      if (username == null || password == null || password.isEmpty()) {
        throw new IllegalArgumentException(
            "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with SASL");
      }
      settings.put("spring.kafka.properties.sasl.mechanism", mechanism);
      settings.put(
          "spring.kafka.properties.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
              + escape(username)
              + "\" password=\""
              + escape(password)
              + "\";");
    }
    store(variables, settings, "TRUSTSTORE", "trust-store");
    store(variables, settings, "KEYSTORE", "key-store");
    return settings;
  }

  private static void store(
      Function<String, String> variables,
      Map<String, Object> settings,
      String variable,
      String property) {
    String location = blankToNull(variables.apply("KAFKA_SSL_" + variable + "_LOCATION"));
    if (location == null) {
      return;
    }
    settings.put(
        "spring.kafka.ssl." + property + "-location",
        location.contains(":") ? location : "file:" + location);
    String password = variables.apply("KAFKA_SSL_" + variable + "_PASSWORD");
    if (password != null && !password.isEmpty()) {
      settings.put("spring.kafka.ssl." + property + "-password", password);
    }
    String type = blankToNull(variables.apply("KAFKA_SSL_" + variable + "_TYPE"));
    settings.put(
        "spring.kafka.ssl." + property + "-type",
        type == null ? "PKCS12" : type.toUpperCase(Locale.ROOT));
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** After the configuration files: explicit {@code spring.kafka.*} settings stay in charge. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
