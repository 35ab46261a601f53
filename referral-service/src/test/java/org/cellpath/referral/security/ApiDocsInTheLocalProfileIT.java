package org.cellpath.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.cellpath.referral.ApiClients;
import org.cellpath.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * In the local profile (local-stack), the README's links work: anyone reads the API description and
 * Swagger UI, which calls the API with a token pasted in. The API itself still wants its token.
 */
@IntegrationTest
@ActiveProfiles("local")
class ApiDocsInTheLocalProfileIT {

  @LocalServerPort int port;

  @Test
  void anyoneReadsTheApiDescriptionAndSwaggerUiInTheLocalProfile() {
    assertThat(
            ApiClients.anonymous(port)
                .get()
                .uri("/v3/api-docs")
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .isEqualTo(200);
    assertThat(
            ApiClients.anonymous(port)
                .get()
                .uri("/swagger-ui/index.html")
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .isEqualTo(200);
    assertThat(
            ApiClients.anonymous(port)
                .get()
                .uri("/api/referrals")
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .isEqualTo(401);
  }
}
