package org.cellpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

  @Test
  void namesAConnectionByItsDatabaseAndABackgroundProcessByItsTitle() {
    assertThat(
            CpuMeter.role("postgres: postgres scheduling 127.0.0.1(41234) idle in transaction\0"))
        .isEqualTo("connections to scheduling");
    assertThat(CpuMeter.role("postgres: postgres referral [local] SELECT\0"))
        .isEqualTo("connections to referral");
    assertThat(CpuMeter.role("postgres: walwriter   \0")).isEqualTo("walwriter");
    assertThat(CpuMeter.role("postgres: autovacuum worker notification\0"))
        .isEqualTo("autovacuum worker notification");
    assertThat(CpuMeter.role("/usr/lib/postgresql/bin/postgres\0-D\0/data\0")).isEqualTo("other");
  }
}
