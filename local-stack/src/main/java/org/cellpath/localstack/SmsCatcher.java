package org.cellpath.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local SMS provider that speaks the API notification-service uses, keeps every SMS in memory and
 * shows them.
 *
 * <p>{@code POST /messages} with any {@code Authorization: Bearer <key>} and a JSON body {@code
 * {"to", "from", "text", "reference"}} answers 201 {@code {"id": "sms-<n>", "status": "queued"}}; a
 * repeated {@code Idempotency-Key} answers 200 with the first id and stores nothing new; no bearer
 * key answers 401, a body without {@code to} or {@code text} 400. {@code GET /} lists the SMS,
 * {@code GET /api/sms} returns them as JSON (number, id, receivedAt, to, from, text, reference).
 * Bound to the loopback interface; contents never logged.
 */
public final class SmsCatcher implements AutoCloseable {

  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpServer http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<CaughtSms> messages = new ArrayList<>();
  private final Map<String, String> idsByIdempotencyKey = new HashMap<>();

  private SmsCatcher(HttpServer http) {
    this.http = http;
  }

  /**
   * Starts the catcher on the loopback interface.
   *
   * @param port the port, or 0 for a free one
   * @return the running catcher
   * @throws IllegalStateException if the port cannot be bound
   */
  public static SmsCatcher start(int port) {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      SmsCatcher catcher = new SmsCatcher(http);
      http.createContext("/", catcher::handle);
      http.start();
      return catcher;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Could not start the SMS catcher on port " + port, e);
    }
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** Returns {@code http://localhost:<port>}, the page for people. */
  public URI url() {
    return URI.create("http://localhost:" + port());
  }

  /**
   * Returns {@code http://127.0.0.1:<port>}, the provider URL for notification-service: the catcher
   * listens on the IPv4 loopback only, and {@code localhost} may resolve to {@code ::1} first.
   */
  public URI providerUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * Sends a patient's reply to notification-service's webhook as the provider would: {@code POST
   * <notification>/api/sms/inbound} with {@code {"from", "text"}}, signed with the shared secret
   * ({@code X-CellPath-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}).
   *
   * @return the webhook's HTTP status
   */
  public int reply(URI notificationService, String secret, String from, String text) {
    try {
      byte[] body = json.writeValueAsBytes(Map.of("from", from, "text", text));
      long t = Instant.now().getEpochSecond();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      String signature = HexFormat.of().formatHex(mac.doFinal(body));
      HttpResponse<Void> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(notificationService.resolve("/api/sms/inbound"))
                      .header("Content-Type", "application/json")
                      .header("X-CellPath-Signature", "t=" + t + ",v1=" + signature)
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return answer.statusCode();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Could not send the reply to the webhook", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending the reply", e);
    }
  }

  /** Every SMS accepted so far, in arrival order. */
  public synchronized List<CaughtSms> messages() {
    return List.copyOf(messages);
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/messages")) {
        if (!"POST".equals(method)) {
          exchange.getResponseHeaders().set("Allow", "POST");
          send(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}");
        } else {
          receive(exchange);
        }
        return;
      }
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain", "Method not allowed\n");
      } else if (path.equals("/")) {
        send(exchange, 200, "text/html", SmsPages.index(messages()));
      } else if (path.equals("/api/sms")) {
        send(exchange, 200, "application/json", SmsPages.json(messages()));
      } else {
        send(exchange, 404, "text/html", MailPages.notFound());
      }
    }
  }

  private void receive(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null
        || !authorization.startsWith("Bearer ")
        || authorization.length() <= 7) {
      send(exchange, 401, "application/json", "{\"error\":\"bearer key required\"}");
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      send(exchange, 413, "application/json", "{\"error\":\"body too large\"}");
      return;
    }
    JsonNode message;
    try {
      message = json.readTree(body);
    } catch (JacksonException e) {
      send(exchange, 400, "application/json", "{\"error\":\"body is not JSON\"}");
      return;
    }
    String to = text(message, "to");
    String text = text(message, "text");
    if (to == null || to.isBlank() || text == null) {
      send(exchange, 400, "application/json", "{\"error\":\"to and text are required\"}");
      return;
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    String id;
    boolean repeated;
    synchronized (this) {
      String earlier = key == null ? null : idsByIdempotencyKey.get(key);
      repeated = earlier != null;
      if (repeated) {
        id = earlier;
      } else {
        id = "sms-" + (messages.size() + 1);
        messages.add(
            new CaughtSms(
                messages.size() + 1,
                id,
                Instant.now(),
                to,
                text(message, "from"),
                text,
                text(message, "reference")));
        if (key != null) {
          idsByIdempotencyKey.put(key, id);
        }
      }
    }
    send(
        exchange,
        repeated ? 200 : 201,
        "application/json",
        "{\"id\":" + MailPages.jsonString(id) + ",\"status\":\"queued\"}");
  }

  private static String text(JsonNode message, String field) {
    JsonNode value = message == null ? null : message.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange
        .getResponseHeaders()
        .set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
