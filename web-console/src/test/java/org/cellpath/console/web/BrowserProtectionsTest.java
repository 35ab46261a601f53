package org.cellpath.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.cellpath.console.StubServices;
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
 * What the console does for the browser's side of security, on a real Tomcat: every page forbids framing, inline
 * script and style, sniffing and referrers, and demands HTTPS (HSTS) once served over TLS; and a request body far
 * larger than a form is refused with 413 before it is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class BrowserProtectionsTest {

  static final StubServices STUB = StubServices.start();
  private static final long FIFTY_MEGABYTES = 50L * 1024 * 1024;

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

  @LocalServerPort
  int port;
  @Autowired
  MockMvc mvc;

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stop() {
    STUB.close();
  }

  @Test
  void everyPageForbidsFramingInlineScriptSniffingAndReferrers() throws Exception {
    for (String path : List.of("/signin", "/physician/referrals", "/no-such-page")) {
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .build(), HttpResponse.BodyHandlers.ofString());

      String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(policy).as(path).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
          "frame-ancestors 'none'", "base-uri 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(page.headers().firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
    }
  }

  @Test
  void overTlsEveryPageDemandsHttpsForAYear() throws Exception {
    MockHttpServletResponse page = mvc.perform(get("/signin").secure(true)).andReturn().getResponse();

    assertThat(page.getHeader("Strict-Transport-Security")).contains("max-age=31536000");
  }

  @Test
  void fiftyMegabytesPostedToTheConsoleAreRefusedWith413Unread() throws IOException {
    for (boolean chunked : new boolean[] {false, true}) {
      Answer answer = post("/signin", chunked);

      assertThat(answer.status()).as(chunked ? "chunked" : "announced").isEqualTo(413);
      assertThat(answer.bytesSentBeforeAnswer()).isLessThan(FIFTY_MEGABYTES / 10);
    }
  }

  record Answer(int status, long bytesSentBeforeAnswer) {}

  /** A form post of 50 MB over a plain socket, streamed while the answer is awaited. */
  private Answer post(String path, boolean chunked) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\n"
          + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + FIFTY_MEGABYTES + "\r\n") + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      AtomicLong sent = new AtomicLong();
      Thread sender = new Thread(() -> {
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) 'x');
        piece[0] = 'a';
        piece[1] = '=';
        try {
          while (sent.get() < FIFTY_MEGABYTES) {
            if (chunked) {
              out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(piece);
            if (chunked) {
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            sent.addAndGet(piece.length);
            piece[0] = 'x';
            piece[1] = 'x';
          }
        } catch (IOException closed) {
          // answered and closed: what the test waits for
        }
      });
      sender.setDaemon(true);
      sender.start();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
      for (int next = in.read(); next >= 0 && next != '\n'; next = in.read()) {
        statusLine.write(next);
      }
      long sentBeforeAnswer = sent.get();
      String line = statusLine.toString(StandardCharsets.US_ASCII);
      assertThat(line).as("the status line").startsWith("HTTP/1.1 ");
      return new Answer(Integer.parseInt(line.split(" ")[1]), sentBeforeAnswer);
    }
  }
}
