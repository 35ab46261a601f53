package org.cellpath.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.cellpath.console.StubServices;
import org.cellpath.testsupport.OversizedBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the console does for the browser's side of security, on a real Tomcat: every page forbids
 * framing, inline script and style, sniffing and referrers, and demands HTTPS (HSTS) once served
 * over TLS; and a request body far larger than a form is refused with 413 before it is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class BrowserProtectionsTest {

  static final StubServices STUB = StubServices.start();

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    registry.add("cellpath.console.referral-service-url", STUB::url);
    registry.add("cellpath.console.scheduling-service-url", STUB::url);
    registry.add("cellpath.console.notification-service-url", STUB::url);
    registry.add("cellpath.console.dev-token-url", () -> STUB.url() + "/token");
    registry.add("cellpath.console.jwt.jwk-set-uri", () -> STUB.url() + "/jwks");
    registry.add("cellpath.console.jwt.issuer", () -> StubServices.ISSUER);
    registry.add("cellpath.console.jwt.audience", () -> StubServices.AUDIENCE);
  }

  @LocalServerPort int port;
  @Autowired MockMvc mvc;

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stop() {
    STUB.close();
  }

  @Test
  void everyPageForbidsFramingInlineScriptSniffingAndReferrers() throws Exception {
    for (String path : List.of("/signin", "/physician/referrals", "/no-such-page")) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString());

      String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(policy)
          .as(path)
          .contains(
              "default-src 'self'",
              "script-src 'self'",
              "style-src 'self'",
              "frame-ancestors 'none'",
              "base-uri 'self'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(page.headers().firstValue("Strict-Transport-Security"))
          .as("no HSTS over plain HTTP")
          .isEmpty();
    }
  }

  @Test
  void overTlsEveryPageDemandsHttpsForAYear() throws Exception {
    MockHttpServletResponse page =
        mvc.perform(get("/signin").secure(true)).andReturn().getResponse();

    assertThat(page.getHeader("Strict-Transport-Security")).contains("max-age=31536000");
  }

  @Test
  void fiftyMegabytesPostedToTheConsoleAreRefusedWith413Unread() throws IOException {
    Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
    for (OversizedBody.Answer answer :
        List.of(
            OversizedBody.announced(
                port, "POST", "/signin", form, "a", OversizedBody.FIFTY_MEGABYTES),
            OversizedBody.chunked(
                port, "POST", "/signin", form, "a", OversizedBody.FIFTY_MEGABYTES))) {
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.bytesSentBeforeAnswer())
          .isLessThan(OversizedBody.mostSentWhenTheServerRead(OversizedBody.A_MEGABYTE));
    }
  }
}
