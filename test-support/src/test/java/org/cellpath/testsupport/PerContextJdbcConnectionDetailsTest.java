package org.cellpath.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.mock.env.MockEnvironment;

/**
 * The Testcontainers service connection must reach the context's own database, not the container's.
 */
class PerContextJdbcConnectionDetailsTest {

  private static final JdbcConnectionDetails CONTAINER =
      new JdbcConnectionDetails() {
        @Override
        public String getUsername() {
          return "test";
        }

        @Override
        public String getPassword() {
          return "test";
        }

        @Override
        public String getJdbcUrl() {
          return "jdbc:postgresql://localhost:32768/test?loggerLevel=OFF";
        }
      };

  @Test
  void pointsTheContainerConnectionAtTheContextsOwnDatabase() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty(
                "spring.datasource.url",
                "jdbc:postgresql://localhost:32768/referral_service_ab12cd34?loggerLevel=OFF")
            .withProperty("spring.datasource.username", "test")
            .withProperty("spring.datasource.password", "test");

    JdbcConnectionDetails details =
        PerContextJdbcConnectionDetails.redirect(CONTAINER, environment);

    assertThat(details.getJdbcUrl())
        .isEqualTo("jdbc:postgresql://localhost:32768/referral_service_ab12cd34?loggerLevel=OFF");
    assertThat(details.getUsername()).isEqualTo("test");
    assertThat(details.getDriverClassName()).isEqualTo("org.postgresql.Driver");
  }

  @Test
  void leavesTheConnectionAloneWithoutAPerContextDatabase() {
    assertThat(PerContextJdbcConnectionDetails.redirect(CONTAINER, new MockEnvironment()))
        .isSameAs(CONTAINER);
  }
}
