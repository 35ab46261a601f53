/**
 * In-process infrastructure for machines without a Docker engine: a single-node KRaft Kafka broker
 * and an embedded PostgreSQL server, each owned by one {@link java.lang.AutoCloseable} handle.
 * Plain Java on purpose, so that local-stack, tests and benchmarks can share it without Spring.
 */
@NullMarked
package org.cellpath.infra;

import org.jspecify.annotations.NullMarked;
