package org.cellpath.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.cellpath.testsupport.OversizedBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.util.unit.DataSize;

/**
 * The body limit on a real Tomcat, with a servlet that reads whatever it is given, as a JSON reader
 * would: a body announced larger than its endpoint's limit is answered 413 without reaching the
 * servlet; a chunked one, which announces no length, is cut at the first byte past the limit; a
 * body within the limit goes through whole.
 */
class RequestBodyLimitFilterTest {

  private static final long LIMIT = 16 * 1024;
  private static final long REFERRAL_LIMIT = 64 * 1024;
  private static final RequestBodyLimits LIMITS =
      new RequestBodyLimits(
          DataSize.ofBytes(LIMIT),
          Map.of(
              "POST /api/referrals", DataSize.ofBytes(REFERRAL_LIMIT),
              "POST /api/reviews/*/information-request", DataSize.ofBytes(REFERRAL_LIMIT),
              "POST /api/**", DataSize.ofBytes(LIMIT / 2)));

  /** How many requests reached the servlet, and how many body bytes it read in all. */
  private static final AtomicLong served = new AtomicLong();

  private static final AtomicLong bytesRead = new AtomicLong();
  private static WebServer server;

  @BeforeAll
  static void start() {
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
    factory.addInitializers(
        context -> {
          context
              .addFilter("bodyLimit", new RequestBodyLimitFilter(LIMITS))
              .addMappingForUrlPatterns(null, false, "/*");
          context.addServlet("reader", new Reader()).addMapping("/*");
        });
    server = factory.getWebServer();
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    served.set(0);
    bytesRead.set(0);
  }

  @Test
  void fiftyMegabytesAnnouncedAreRefusedWith413BeforeAnyIsRead() throws IOException {
    OversizedBody.Answer answer =
        OversizedBody.announced(
            server.getPort(),
            "POST",
            "/api/referrals",
            Map.of(),
            "priorSurgeryNote",
            OversizedBody.FIFTY_MEGABYTES);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.body())
        .contains(
            "\"status\":413",
            "\"maxBytes\":" + REFERRAL_LIMIT,
            "https://cellpath.org/problems/body-too-large");
    assertThat(served.get()).as("requests that reached the servlet").isZero();
    assertThat(answer.bytesSentBeforeAnswer())
        .as("bytes sent before the answer")
        .isLessThan(OversizedBody.mostSentWhenTheServerRead(OversizedBody.A_MEGABYTE));
  }

  @Test
  void fiftyMegabytesChunkedAreCutAtTheLimit() throws IOException {
    OversizedBody.Answer answer =
        OversizedBody.chunked(
            server.getPort(),
            "POST",
            "/api/referrals",
            Map.of(),
            "priorSurgeryNote",
            OversizedBody.FIFTY_MEGABYTES);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).contains("\"maxBytes\":" + REFERRAL_LIMIT);
    assertThat(bytesRead.get())
        .as("bytes the servlet was given")
        .isLessThanOrEqualTo(REFERRAL_LIMIT + 1);
    assertThat(answer.bytesSentBeforeAnswer())
        .isLessThan(OversizedBody.mostSentWhenTheServerRead(OversizedBody.A_MEGABYTE));
  }

  @Test
  void aBodyWithinItsEndpointsLimitIsReadWhole() throws IOException {
    OversizedBody.Answer announced =
        OversizedBody.announced(
            server.getPort(),
            "POST",
            "/api/referrals",
            Map.of(),
            "priorSurgeryNote",
            REFERRAL_LIMIT);
    OversizedBody.Answer chunked =
        OversizedBody.chunked(
            server.getPort(),
            "POST",
            "/api/referrals",
            Map.of(),
            "priorSurgeryNote",
            REFERRAL_LIMIT);

    assertThat(announced.status()).isEqualTo(200);
    assertThat(announced.body()).isEqualTo("read " + REFERRAL_LIMIT);
    assertThat(chunked.status()).isEqualTo(200);
    assertThat(chunked.body()).isEqualTo("read " + REFERRAL_LIMIT);
  }

  @Test
  void anEndpointNotNamedHasTheDefaultLimitAndTheMostSpecificPatternWins() throws IOException {
    assertThat(
            OversizedBody.announced(
                    server.getPort(), "POST", "/api/slots", Map.of(), "name", LIMIT / 2 + 1)
                .status())
        .as("POST /api/** takes half the default")
        .isEqualTo(413);
    assertThat(
            OversizedBody.announced(server.getPort(), "PUT", "/api/slots", Map.of(), "name", LIMIT)
                .status())
        .as("a method no rule names has the default")
        .isEqualTo(200);
    assertThat(
            OversizedBody.chunked(
                    server.getPort(), "PUT", "/api/slots", Map.of(), "name", LIMIT + 1)
                .status())
        .isEqualTo(413);
    assertThat(
            OversizedBody.announced(
                    server.getPort(),
                    "POST",
                    "/api/reviews/7/information-request",
                    Map.of(),
                    "items",
                    REFERRAL_LIMIT)
                .status())
        .as("more specific than POST /api/**")
        .isEqualTo(200);
  }

  @Test
  void aLimitNamesAMethodAndAPathPattern() {
    assertThatThrownBy(
            () ->
                new RequestBodyLimits(null, Map.of("/api/referrals", DataSize.ofKilobytes(1)))
                    .matcher())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<METHOD> <path pattern>");
    assertThatThrownBy(() -> new RequestBodyLimits(DataSize.ofBytes(0), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new RequestBodyLimits(null, null).matcher().maxBytes("POST", "/anything"))
        .isEqualTo(RequestBodyLimits.DEFAULT_MAX.toBytes());
  }

  /** Reads the whole body, as a JSON reader would, and says how much it read. */
  private static final class Reader extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      served.incrementAndGet();
      long n = 0;
      byte[] buffer = new byte[8192];
      try (InputStream in = request.getInputStream()) {
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
          n += read;
          bytesRead.addAndGet(read);
        }
      }
      response.setContentType("text/plain");
      response.getWriter().write("read " + n);
    }
  }
}
