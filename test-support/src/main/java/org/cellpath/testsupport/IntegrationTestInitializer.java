package org.cellpath.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cellpath.infra.DevTokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points one application context at the shared test infrastructure, isolated from every other
 * context of the JVM: its own fresh database and its own topic prefix on the shared broker.
 *
 * <p>Used by {@link IntegrationTest}; can also be passed to a {@code SpringApplicationBuilder}.
 *
 * <p>Precedence: the database and the topic prefix are put first, above every other property source
 * (test properties included), because two contexts sharing either would see each other's rows or
 * events. The broker address goes right below the test's own inlined properties, so that a test may
 * still point a context at a broken broker on purpose, while {@code application.yml} and the
 * process environment cannot point it at a real one by accident.
 */
public final class IntegrationTestInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** Name of the highest-precedence property source with the per-context database and prefix. */
  public static final String ISOLATION_PROPERTY_SOURCE = "cellpathTestIsolation";

  /** Name of the property source with the shared broker's address. */
  public static final String INFRASTRUCTURE_PROPERTY_SOURCE = "cellpathTestInfrastructure";

  /**
   * {@code separate}: the context's database is owned by a role of its own, Flyway migrates as that
   * owner and the service connects as a second role that owns nothing, as a deployment runs it (ADR
   * 24). By default one user does both, as in local runs.
   */
  public static final String DATABASE_ROLES = "cellpath.test.database-roles";

  /** The property that messaging-support prepends to every topic name. */
  public static final String TOPIC_PREFIX = "cellpath.messaging.topic-prefix";

  static final String DATASOURCE_URL = "spring.datasource.url";
  static final String DATASOURCE_USERNAME = "spring.datasource.username";
  static final String DATASOURCE_PASSWORD = "spring.datasource.password";
  static final String FLYWAY_USER = "spring.flyway.user";
  static final String FLYWAY_PASSWORD = "spring.flyway.password";
  static final String KAFKA_BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";
  static final String BINDER_BROKERS = "spring.cloud.stream.kafka.binder.brokers";
  static final String JWT_JWK_SET_URI = "cellpath.security.jwt.jwk-set-uri";
  static final String JWT_ISSUER = "cellpath.security.jwt.issuer";
  static final String JWT_AUDIENCE = "cellpath.security.jwt.audience";

  private static final Logger log = LoggerFactory.getLogger(IntegrationTestInitializer.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestInfrastructure.stopAfter(context);
    ConfigurableEnvironment environment = context.getEnvironment();
    String applicationName = environment.getProperty("spring.application.name", "cellpath");
    // The first context of a JVM starts both servers; starting them side by side saves seconds.
    CompletableFuture<String> kafka =
        CompletableFuture.supplyAsync(TestInfrastructure::kafkaBootstrapServers);
    Map<String, Object> isolation = new LinkedHashMap<>();
    TestInfrastructure.Database database;
    if ("separate".equals(environment.getProperty(DATABASE_ROLES))) {
      TestInfrastructure.DatabaseWithRoles roles =
          TestInfrastructure.newDatabaseWithRoles(applicationName);
      database = roles.application();
      isolation.put(FLYWAY_USER, roles.owner().username());
      isolation.put(FLYWAY_PASSWORD, roles.owner().password());
    } else {
      database = TestInfrastructure.newDatabase(applicationName);
    }
    String brokers = join(kafka);
    String topicPrefix = newTopicPrefix();

    isolation.put(DATASOURCE_URL, database.jdbcUrl());
    isolation.put(DATASOURCE_USERNAME, database.username());
    isolation.put(DATASOURCE_PASSWORD, database.password());
    isolation.put(TOPIC_PREFIX, topicPrefix);

    Map<String, Object> infrastructure = new LinkedHashMap<>();
    infrastructure.put(KAFKA_BOOTSTRAP_SERVERS, brokers);
    infrastructure.put(BINDER_BROKERS, brokers);
    // Every context trusts the JVM's test token issuer (TestTokens).
    infrastructure.put(JWT_JWK_SET_URI, TestTokens.issuer().jwkSetUri());
    infrastructure.put(JWT_ISSUER, DevTokenIssuer.ISSUER);
    infrastructure.put(JWT_AUDIENCE, DevTokenIssuer.AUDIENCE);

    MutablePropertySources sources = environment.getPropertySources();
    sources.addFirst(new MapPropertySource(ISOLATION_PROPERTY_SOURCE, isolation));
    MapPropertySource infrastructureSource =
        new MapPropertySource(INFRASTRUCTURE_PROPERTY_SOURCE, infrastructure);
    if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
      sources.addAfter(
          TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, infrastructureSource);
    } else {
      sources.addAfter(ISOLATION_PROPERTY_SOURCE, infrastructureSource);
    }
    log.info(
        "Test context of {} uses database {} as {} and topic prefix '{}' on Kafka {}",
        applicationName,
        database.jdbcUrl(),
        database.username(),
        topicPrefix,
        brokers);
  }

  private static String join(CompletableFuture<String> kafka) {
    try {
      return kafka.join();
    } catch (CompletionException e) {
      // Rethrow the broker's own failure rather than the wrapper.
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Returns a fresh prefix such as {@code tq3x9k2ab-}: a letter (topic names read better that way),
   * 8 random letters or digits and a dash.
   *
   * @return a topic prefix no other context of the JVM uses
   */
  public static String newTopicPrefix() {
    return "t" + TestInfrastructure.randomSuffix(8) + "-";
  }
}
