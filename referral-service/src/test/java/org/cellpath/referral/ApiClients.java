package org.cellpath.referral;

import org.cellpath.testsupport.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * HTTP clients of the service under test, one per caller, that hand back every status instead of
 * throwing. Tokens come from {@link TestTokens}, whose issuer every test context trusts.
 */
public final class ApiClients {

  private ApiClients() {}

  /** A client that sends {@code token} as its bearer token. */
  public static RestClient as(int port, String token) {
    return builder(port).defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).build();
  }

  /**
   * The physician of {@link TestTokens#NPI}, who refers the fixtures' cases ({@link
   * ReferralFixtures#NPI}).
   */
  public static RestClient physician(int port) {
    return as(port, TestTokens.physician(TestTokens.NPI));
  }

  public static RestClient reviewer(int port) {
    return as(port, TestTokens.reviewer());
  }

  /** A client without any token. */
  public static RestClient anonymous(int port) {
    return builder(port).build();
  }

  private static RestClient.Builder builder(int port) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultStatusHandler(status -> true, (request, response) -> {});
  }
}
