package org.cellpath.console.signin;

import java.net.URI;
import java.util.Locale;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Asks local-stack's development token issuer ({@code GET /token?role=&npi=&sub=}) for a token.
 * Only in {@code dev-issuer} mode, which must never run where real patient data is.
 */
final class DevTokenIssuerClient {

  private final RestClient http;
  private final URI tokenUrl;

  DevTokenIssuerClient(RestClient.Builder builder, URI tokenUrl) {
    this.http = builder.clone().build();
    this.tokenUrl = tokenUrl;
  }

  /**
   * A token for the role; {@code npi} only for a physician.
   *
   * @throws RestClientException when the issuer cannot be reached or refuses
   */
  String token(String role, String subject, String npi) {
    UriComponentsBuilder uri =
        UriComponentsBuilder.fromUri(tokenUrl)
            .queryParam("role", role.toUpperCase(Locale.ROOT))
            .queryParam("sub", subject);
    if (npi != null && !npi.isBlank()) {
      uri.queryParam("npi", npi);
    }
    JsonNode answer = http.get().uri(uri.encode().build().toUri()).retrieve().body(JsonNode.class);
    if (answer == null || !answer.hasNonNull("access_token")) {
      throw new RestClientException("The development issuer answered without a token");
    }
    return answer.get("access_token").asString();
  }
}
