package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class JdksTest {

  @Test
  void readsTheFeatureVersionOfEveryVersionStyle() {
    assertThat(Jdks.feature("17.0.15")).isEqualTo(17);
    assertThat(Jdks.feature("25")).isEqualTo(25);
    assertThat(Jdks.feature("21-ea")).isEqualTo(21);
    assertThat(Jdks.feature("1.8.0_392")).isEqualTo(8);
    assertThat(Jdks.feature("not a version")).isEqualTo(-1);
  }

  @Test
  void findsAJdkOfThisJvmsVersionAndNoneOfAVersionNotYetMade() {
    int running = Runtime.version().feature();

    assertThat(Jdks.atLeast(running))
        .hasValueSatisfying(
            java -> {
              assertThat(Files.isExecutable(java)).isTrue();
              assertThat(Jdks.feature(Jdks.version(java))).isGreaterThanOrEqualTo(running);
            });
    assertThat(Jdks.atLeast(999)).isEmpty();
  }
}
