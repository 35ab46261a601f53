package org.cellpath.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outside world's SMS provider, as an HTTP server notification-service really calls ({@code POST /messages}
 * with a bearer key and an {@code Idempotency-Key}). It counts every call, keeps one message per idempotency key
 * (as real providers do), and can be switched down: then it answers 503 to everything, as a provider in an outage.
 */
public final class SmsProviderStub implements AutoCloseable {

  private final HttpServer http;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger callsWhileDown = new AtomicInteger();
  /** Calls per idempotency key (the notification id), accepted ones only. */
  private final Map<String, Integer> accepted = new HashMap<>();

  private SmsProviderStub(HttpServer http) {
    this.http = http;
  }

  public static SmsProviderStub start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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

  public void goDown() {
    down.set(true);
  }

  public void comeBack() {
    down.set(false);
  }

  public int calls() {
    return calls.get();
  }

  public int callsWhileDown() {
    return callsWhileDown.get();
  }

  /** Accepted calls per idempotency key: 1 for every SMS the patient got once; more is a repeated call. */
  synchronized Map<String, Integer> acceptedByKey() {
    return Map.copyOf(accepted);
  }

  @Override
  public void close() {
    http.stop(0);
    ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
      calls.incrementAndGet();
      if (down.get()) {
        callsWhileDown.incrementAndGet();
        send(exchange, 503, "{\"error\":\"provider unavailable\"}");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod()) || !"/messages".equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, "{\"error\":\"not found\"}");
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (key == null) {
        send(exchange, 400, "{\"error\":\"Idempotency-Key required\"}");
        return;
      }
      int seen;
      synchronized (this) {
        seen = accepted.merge(key, 1, Integer::sum);
      }
      send(exchange, seen == 1 ? 201 : 200, "{\"id\":\"sms-" + key + "\",\"status\":\"queued\"}");
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
