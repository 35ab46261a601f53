package org.cellpath.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Spring Boot test of one service against a real Kafka broker and a real PostgreSQL server, on a
 * random HTTP port.
 *
 * <p>The broker and the database server come from {@link TestInfrastructure} (external,
 * Testcontainers or embedded, whichever this JVM has) and are shared by all tests of the JVM. Each
 * application context gets its own fresh database ({@code spring.datasource.*}) and its own topic
 * prefix ({@code cellpath.messaging.topic-prefix}, such as {@code tq3x9k2ab-}), so contexts never
 * see each other's rows or events; see {@link IntegrationTestInitializer} for the precedence rules.
 * Read the prefix from the environment when a test produces or consumes events itself.
 *
 * <p>In Testcontainers mode the containers are also registered as {@code @ServiceConnection} beans.
 *
 * <p>Name such test classes {@code *IT} so that Failsafe runs them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IntegrationTestInitializer.class)
@Import(SharedContainersConfiguration.class)
public @interface IntegrationTest {}
