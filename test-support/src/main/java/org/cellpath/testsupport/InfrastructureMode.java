package org.cellpath.testsupport;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Where the integration tests of one JVM get Kafka and PostgreSQL from. The same test classes run
 * unchanged in every mode.
 */
public enum InfrastructureMode {

  /** A broker and a database server named by {@code CELLPATH_TEST_*} environment variables. */
  EXTERNAL,

  /** {@code apache/kafka} and {@code postgres} containers, when a Docker engine answers. */
  TESTCONTAINERS,

  /** The in-process KRaft broker and embedded PostgreSQL from {@code embedded-infra}. */
  EMBEDDED;

  /**
   * Chooses the mode: external settings win, then a working Docker engine, then embedded.
   *
   * @param external the external settings, if the environment names them
   * @param dockerAvailable asked only when there are no external settings, because the check can
   *     take a few seconds
   * @return the mode to use
   */
  static InfrastructureMode select(
      Optional<ExternalInfrastructure> external, BooleanSupplier dockerAvailable) {
    if (external.isPresent()) {
      return EXTERNAL;
    }
    return dockerAvailable.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
  }
}
