/**
 * Integration-test infrastructure shared by every CellPath module: one Kafka broker and one
 * PostgreSQL server per test JVM, taken from the environment, from Testcontainers, or started
 * in-process, plus {@link org.cellpath.testsupport.IntegrationTest} to point a Spring Boot test
 * context at them with its own database and topic prefix.
 */
@NullMarked
package org.cellpath.testsupport;

import org.jspecify.annotations.NullMarked;
