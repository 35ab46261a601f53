package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cellpath.infra.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launches no real service: a broken jar is enough to exercise start, failure reporting and
 * cleanup.
 */
class ServiceLauncherTest {

  @TempDir Path tmp;

  @Test
  void reportsAMissingJarWithTheBuildCommand() {
    ServiceLauncher launcher = new ServiceLauncher(tmp.resolve("logs"));
    ServiceSpec spec =
        ServiceSpec.of("referral-service", tmp.resolve("missing.jar"), FreePorts.pick());

    assertThatThrownBy(() -> launcher.startAll(List.of(spec)))
        .isInstanceOf(ServiceStartException.class)
        .hasMessageContaining("missing.jar")
        .hasMessageContaining("./mvnw -DskipTests install");
  }

  @Test
  void refusesAPortThatSomethingElseListensOn() throws IOException {
    Path jar = Files.writeString(tmp.resolve("service.jar"), "not a jar");
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ServiceSpec spec = ServiceSpec.of("referral-service", jar, busy.getLocalPort());

      assertThatThrownBy(() -> new ServiceLauncher(tmp.resolve("logs")).start(spec))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageContaining("already in use");
    }
  }

  @Test
  void failsWithTheTailOfTheLogWhenTheServiceDiesBeforeItIsReady() throws IOException {
    Path jar = Files.writeString(tmp.resolve("service.jar"), "not a jar");
    Path logs = tmp.resolve("logs");
    ServiceSpec spec = ServiceSpec.of("scheduling-service", jar, FreePorts.pick());

    assertThatThrownBy(() -> new ServiceLauncher(logs).startAll(List.of(spec)))
        .isInstanceOf(ServiceStartException.class)
        .hasMessageContaining("scheduling-service exited with code 1 before it was ready")
        .hasMessageContaining("jarfile");
    assertThat(logs.resolve("scheduling-service.log")).content().contains("jarfile");
  }
}
