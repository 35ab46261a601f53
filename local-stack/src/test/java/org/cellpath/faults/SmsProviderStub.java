package org.cellpath.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outside world's SMS provider, as an HTTP server notification-service really calls ({@code
 * POST /messages} with a bearer key, an {@code Idempotency-Key} and {@code
 * {"to","from","text","reference"}}). It keeps every message it accepted, as a phone network would
 * deliver it: number, text and when; the fault tests count those by their content. It can be
 * switched into an outage (503 to everything) or into answering every call with 429 and an absurd
 * {@code Retry-After}.
 */
public final class SmsProviderStub implements AutoCloseable {

  /** What the stub does with a call. */
  enum Mode {
    UP,
    DOWN,
    ABSURD_RETRY_AFTER
  }

  /** One SMS the provider accepted: what reached the patient's phone. */
  record Delivered(String to, String text, String idempotencyKey, Instant at) {}

  /**
   * The {@code Retry-After} of {@link Mode#ABSURD_RETRY_AFTER}: more seconds than a {@code
   * Duration} of days holds.
   */
  static final String ABSURD_RETRY_AFTER = "99999999999999";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer http;
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger refusedCalls = new AtomicInteger();
  private final List<Delivered> delivered = new ArrayList<>();

  private SmsProviderStub(HttpServer http) {
    this.http = http;
  }

  public static SmsProviderStub start() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SmsProviderStub stub = new SmsProviderStub(http);
      http.createContext("/", stub::handle);
      http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
      http.start();
      return stub;
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the SMS provider stub", e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  void mode(Mode next) {
    mode.set(next);
  }

  public void goDown() {
    mode(Mode.DOWN);
  }

  public void comeBack() {
    mode(Mode.UP);
  }

  /** Every call, accepted or not. */
  public int calls() {
    return calls.get();
  }

  /** Calls answered with 503 or 429. */
  int refusedCalls() {
    return refusedCalls.get();
  }

  /**
   * Every SMS accepted so far, in the order accepted; a repeated call with the same key is a second
   * entry.
   */
  synchronized List<Delivered> delivered() {
    return List.copyOf(delivered);
  }

  @Override
  public void close() {
    http.stop(0);
    ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      byte[] request = body.readAllBytes();
      calls.incrementAndGet();
      switch (mode.get()) {
        case DOWN -> {
          refusedCalls.incrementAndGet();
          send(exchange, 503, "{\"error\":\"provider unavailable\"}");
          return;
        }
        case ABSURD_RETRY_AFTER -> {
          refusedCalls.incrementAndGet();
          exchange.getResponseHeaders().set("Retry-After", ABSURD_RETRY_AFTER);
          send(exchange, 429, "{\"error\":\"slow down\"}");
          return;
        }
        case UP -> {}
      }
      if (!"POST".equals(exchange.getRequestMethod())
          || !"/messages".equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, "{\"error\":\"not found\"}");
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      JsonNode message = JSON.readTree(request);
      if (key == null
          || message.path("to").asString("").isBlank()
          || message.path("text").asString("").isBlank()) {
        send(exchange, 400, "{\"error\":\"Idempotency-Key, to and text are required\"}");
        return;
      }
      boolean repeated;
      synchronized (this) {
        repeated = delivered.stream().anyMatch(d -> d.idempotencyKey().equals(key));
        delivered.add(
            new Delivered(
                message.path("to").asString(),
                message.path("text").asString(),
                key,
                Instant.now()));
      }
      send(exchange, repeated ? 200 : 201, "{\"id\":\"sms-" + key + "\",\"status\":\"queued\"}");
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
