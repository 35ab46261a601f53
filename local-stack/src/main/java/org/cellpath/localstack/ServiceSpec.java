package org.cellpath.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run one Spring Boot service jar as a child process. Immutable; the {@code with...} methods
 * return modified copies.
 *
 * @param name the service name, used for the log file ({@code <name>.log}) and messages
 * @param jar the executable jar
 * @param port the HTTP port the service listens on ({@code SERVER_PORT} is set to it)
 * @param jvmOptions JVM options, placed before the system properties
 * @param systemProperties {@code -Dkey=value} options
 * @param environment environment entries added to (and overriding) this process's environment
 */
public record ServiceSpec(
    String name,
    Path jar,
    int port,
    List<String> jvmOptions,
    Map<String, String> systemProperties,
    Map<String, String> environment) {

  /**
   * glibc's malloc arenas per process: by default up to eight per core, each a heap of its own that
   * the JVM's native allocations (threads, compiler, NIO, JDBC) spread over. Two keep the resident
   * memory down (ADR 16).
   */
  public static final String MALLOC_ARENA_MAX = "2";

  /**
   * Small heap, quick JIT, serial GC: three services and the infrastructure on a 2-core machine. A
   * young generation of 64 MB instead of a third of the heap: every page of eden is touched between
   * two collections, so a smaller one is resident memory saved, at no CPU cost the benchmark could
   * see (docs/benchmarks.md).
   */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+UseSerialGC", "-Xmx256m", "-Xmn64m");

  /**
   * The Spring profile of every process local-stack and the whole-system tests start: the services
   * and the console run on their local-only values (the development token issuer, demo secrets),
   * which they refuse outside it.
   */
  public static final String LOCAL_PROFILE = "local";

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jar, "jar");
    if (port <= 0 || port > 65_535) {
      throw new IllegalArgumentException("Not a TCP port: " + port);
    }
    jvmOptions = List.copyOf(jvmOptions);
    systemProperties = Map.copyOf(systemProperties);
    environment = Map.copyOf(environment);
  }

  /**
   * A spec with the default JVM options, {@code SERVER_PORT} set and the {@link #LOCAL_PROFILE}
   * active.
   *
   * @param name the service name
   * @param jar the executable jar
   * @param port the HTTP port
   * @return the spec
   */
  public static ServiceSpec of(String name, Path jar, int port) {
    return new ServiceSpec(
        name,
        jar,
        port,
        DEFAULT_JVM_OPTIONS,
        Map.of(),
        Map.of(
            "SERVER_PORT",
            String.valueOf(port),
            "MALLOC_ARENA_MAX",
            MALLOC_ARENA_MAX,
            "SPRING_PROFILES_ACTIVE",
            LOCAL_PROFILE));
  }

  /** Returns a copy with one more environment entry (replacing an entry of the same name). */
  public ServiceSpec withEnv(String key, String value) {
    return withEnv(Map.of(key, value));
  }

  /** Returns a copy with more environment entries (replacing entries of the same names). */
  public ServiceSpec withEnv(Map<String, String> entries) {
    Map<String, String> merged = new LinkedHashMap<>(environment);
    merged.putAll(entries);
    return new ServiceSpec(name, jar, port, jvmOptions, systemProperties, merged);
  }

  /** Returns a copy with one more {@code -Dkey=value} (replacing one of the same key). */
  public ServiceSpec withSystemProperty(String key, String value) {
    Map<String, String> merged = new LinkedHashMap<>(systemProperties);
    merged.put(key, value);
    return new ServiceSpec(name, jar, port, jvmOptions, merged, environment);
  }

  /** Returns a copy with these JVM options instead of the current ones. */
  public ServiceSpec withJvmOptions(List<String> options) {
    return new ServiceSpec(name, jar, port, options, systemProperties, environment);
  }

  /** Returns {@code http://localhost:<port>}. */
  public URI baseUrl() {
    return URI.create("http://localhost:" + port);
  }

  /** Returns the Spring Boot readiness probe, which answers 200 once the service takes traffic. */
  public URI readinessUrl() {
    return baseUrl().resolve("/actuator/health/readiness");
  }

  /** Returns the command line: {@code java <options> -D... -jar <jar>}. */
  List<String> command(Path java) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** Leaves the environment out: it holds database passwords. */
  @Override
  public String toString() {
    return "ServiceSpec[" + name + ", " + jar + ", port " + port + "]";
  }
}
