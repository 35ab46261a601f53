package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.cellpath.infra.EmbeddedKafka;
import org.cellpath.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml's Kafka, without Docker: a broker configured from the compose file's own
 * {@code KAFKA_*} variables, turned into broker properties as the apache/kafka image turns them
 * ({@code _} a dot, {@code __} an underscore, {@code ___} a dash), with free ports for compose's
 * 9092, 9093 and 9094. Each service's SCRAM credential is set on the loopback listener as {@code
 * docker/kafka/start-with-scram-users.sh} sets it. A client with the settings {@link
 * KafkaSecurityEnvironment} makes of a service's compose variables gets in; a wrong password,
 * another user's name or no authentication at all do not.
 */
class ComposeKafkaScramIT {

  private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
  private static final String PASSWORD =
      "0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a";

  private static EmbeddedKafka broker;
  private static String clientListener;
  private static Map<String, Object> serviceEnvironment;

  @BeforeAll
  static void startTheBrokerAsComposeConfiguresIt() throws Exception {
    Map<String, Object> compose = compose();
    Map<String, Object> kafka = service(compose, "kafka");
    int client = FreePorts.pick();
    int local = FreePorts.pick();
    int controller = FreePorts.pick();
    Map<String, String> ports =
        Map.of(
            "9092",
            String.valueOf(client),
            "9094",
            String.valueOf(local),
            "9093",
            String.valueOf(controller));
    Map<String, String> settings = new HashMap<>();
    environment(kafka)
        .forEach(
            (name, value) -> {
              if (name.startsWith("KAFKA_")) {
                settings.put(
                    property(name.substring("KAFKA_".length())), onThisMachine(value, ports));
              }
            });
    assertThat(settings)
        .containsEntry(
            "listener.name.client.scram-sha-512.sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    // EmbeddedKafka waits for the broker on the port it is given: the loopback listener, as the
    // script does.
    broker = EmbeddedKafka.start(local, null, settings);
    clientListener = "localhost:" + client;
    serviceEnvironment = environment(service(compose, "referral-service"));

    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + local))) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      "referral-service",
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                      PASSWORD)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aServiceWithItsComposeSettingsAndPasswordGetsIn() throws Exception {
    try (Admin admin = Admin.create(clientSettings("referral-service", PASSWORD))) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
  }

  @Test
  void aWrongPasswordAnotherUserOrNoAuthenticationIsRefused() {
    assertRefused(clientSettings("referral-service", PASSWORD.replace('0', '1')));
    assertRefused(clientSettings("scheduling-service", PASSWORD));
    Map<String, Object> plaintext =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            clientListener,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            10000);
    try (Admin admin = Admin.create(plaintext)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }

  private static void assertRefused(Map<String, Object> settings) {
    try (Admin admin = Admin.create(settings)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  /**
   * What a service's Kafka clients get from its compose variables, through
   * KafkaSecurityEnvironment.
   */
  private static Map<String, Object> clientSettings(String username, String password) {
    Map<String, String> variables = new HashMap<>();
    serviceEnvironment.forEach((name, value) -> variables.put(name, String.valueOf(value)));
    variables.put("KAFKA_SASL_USERNAME", username);
    variables.put("KAFKA_SASL_PASSWORD", password);
    Map<String, Object> settings = new HashMap<>();
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, clientListener);
    settings.put(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
    settings.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis());
    KafkaSecurityEnvironment.settings(variables::get)
        .forEach(
            (property, value) -> {
              if (property.equals("spring.kafka.security.protocol")) {
                settings.put("security.protocol", value);
              } else if (property.startsWith("spring.kafka.properties.")) {
                settings.put(property.substring("spring.kafka.properties.".length()), value);
              }
            });
    assertThat(settings)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    return settings;
  }

  /**
   * The apache/kafka image's rule: {@code ___} a dash, {@code __} an underscore, {@code _} a dot,
   * lower case.
   */
  private static String property(String variable) {
    return variable
        .replace("___", "-")
        .replace("__", "\u0000")
        .replace('_', '.')
        .replace('\u0000', '_')
        .toLowerCase(Locale.ROOT);
  }

  /** Compose's host names and ports as this machine has them. */
  private static String onThisMachine(Object value, Map<String, String> ports) {
    String text =
        String.valueOf(value).replace("kafka:", "localhost:").replace("127.0.0.1:", "localhost:");
    Matcher port = Pattern.compile(":(909[234])\\b").matcher(text);
    StringBuilder result = new StringBuilder();
    while (port.find()) {
      port.appendReplacement(result, ":" + ports.get(port.group(1)));
    }
    port.appendTail(result);
    return result.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> compose() throws IOException {
    try (Reader reader = Files.newBufferedReader(COMPOSE)) {
      Map<String, Object> compose = new Yaml().load(reader);
      assertThat(compose).containsKey("services");
      return compose;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(Map<String, Object> compose, String name) {
    return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
  }

  /** A service's environment, the anchors it merges ({@code <<: *service-env}) included. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Map<String, Object> service) {
    Map<String, Object> environment =
        new HashMap<>((Map<String, Object>) service.get("environment"));
    Object merged = environment.remove("<<");
    if (merged instanceof Map<?, ?> anchor) {
      ((Map<String, Object>) anchor).forEach(environment::putIfAbsent);
    }
    environment.keySet().removeAll(Set.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS"));
    return environment;
  }
}
