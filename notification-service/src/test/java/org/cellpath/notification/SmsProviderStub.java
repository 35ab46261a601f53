package org.cellpath.notification;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server (the JDK's) standing for the SMS provider: {@code POST /messages} with a JSON
 * body, on a free loopback port. It records every request and answers 201 with an id, unless told
 * to fail the next N calls or every call until {@link #recover()}: with a status (503, 400, ...),
 * 429 or 503 with {@code Retry-After}, or by answering only after a delay (past the client's read
 * timeout).
 *
 * <pre>{@code
 * try (SmsProviderStub provider = SmsProviderStub.start()) {
 *   provider.failNext(2, SmsProviderStub.Answer.status(503));
 *   ... send ...
 *   provider.awaitAccepted(1, Duration.ofSeconds(10));
 *   assertThat(provider.calls()).isEqualTo(3);
 * }
 * }</pre>
 */
public final class SmsProviderStub implements AutoCloseable {

  /**
   * What the stub answers to one call.
   *
   * @param status the HTTP status
   * @param retryAfter the {@code Retry-After} value, or null for none
   * @param delay how long to wait before answering
   */
  public record Answer(int status, String retryAfter, Duration delay) {

    public Answer {
      Objects.requireNonNull(delay, "delay");
    }

    public static Answer accept() {
      return new Answer(201, null, Duration.ZERO);
    }

    public static Answer status(int status) {
      return new Answer(status, null, Duration.ZERO);
    }

    /** The status with a {@code Retry-After} header (delay-seconds or an HTTP date). */
    public static Answer status(int status, String retryAfter) {
      return new Answer(status, retryAfter, Duration.ZERO);
    }

    public static Answer tooManyRequests(Duration retryAfter) {
      return new Answer(429, Long.toString(retryAfter.toSeconds()), Duration.ZERO);
    }

    /**
     * Answers 503 only after {@code delay}: a client with a shorter read timeout sees a timeout.
     */
    public static Answer hang(Duration delay) {
      return new Answer(503, null, delay);
    }

    boolean accepted() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * One request as the stub received it.
   *
   * @param headers request headers, names in lower case, first value each
   * @param status what the stub answered
   */
  public record Received(
      int call,
      Instant at,
      String to,
      String from,
      String text,
      String reference,
      Map<String, String> headers,
      String body,
      int status) {

    public boolean accepted() {
      return status >= 200 && status < 300;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  /**
   * Moved on by {@link #reset()}: a request that arrived before it is neither counted nor recorded
   * after it.
   */
  private final AtomicInteger generation = new AtomicInteger();

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object lock = new Object();
  private final Deque<Answer> next = new ArrayDeque<>();
  private Answer standing = Answer.accept();

  /**
   * Released by {@link #recover()}, {@link #reset()} and {@link #close()}, so that no hanging
   * answer outlives them.
   */
  private volatile CountDownLatch hangs = new CountDownLatch(1);

  private SmsProviderStub(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Starts the stub on a free loopback port. */
  public static SmsProviderStub start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      // A thread per request, so that a hanging answer does not hold back the next request.
      ExecutorService threads = Executors.newCachedThreadPool();
      SmsProviderStub stub = new SmsProviderStub(server, threads);
      server.createContext("/", stub::handle);
      server.setExecutor(threads);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the SMS provider stub", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL to configure as {@code cellpath.notifications.sms-provider.url}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Answers the next {@code count} calls with {@code answer}, then as before. */
  public SmsProviderStub failNext(int count, Answer answer) {
    synchronized (lock) {
      for (int i = 0; i < count; i++) {
        next.addLast(answer);
      }
    }
    return this;
  }

  /**
   * Answers every call with {@code answer} until {@link #recover()} (queued {@link #failNext}
   * answers first).
   */
  public SmsProviderStub failUntilRecovered(Answer answer) {
    synchronized (lock) {
      standing = answer;
    }
    return this;
  }

  /** Accepts every call from now on, and lets hanging answers go at once. */
  public SmsProviderStub recover() {
    synchronized (lock) {
      next.clear();
      standing = Answer.accept();
    }
    releaseHangs();
    return this;
  }

  /**
   * Forgets every request and failure, back to accepting everything; returns once no request of
   * before is still being answered, so that nothing of a previous test reaches the next one.
   */
  public SmsProviderStub reset() {
    releaseHangs();
    await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 0);
    synchronized (lock) {
      generation.incrementAndGet();
      received.clear();
      calls.set(0);
    }
    recover();
    return this;
  }

  /** How many requests the stub has received (answered or still being answered). */
  public int calls() {
    return calls.get();
  }

  /** Every request answered so far, in arrival order. */
  public List<Received> requests() {
    return List.copyOf(received);
  }

  /** The requests answered with 2xx. */
  public List<Received> accepted() {
    return received.stream().filter(Received::accepted).toList();
  }

  /** Waits until at least {@code count} requests were accepted, and returns all accepted ones. */
  public List<Received> awaitAccepted(int count, Duration atMost) {
    await().atMost(atMost).until(() -> accepted().size() >= count);
    return accepted();
  }

  /** Waits until at least {@code count} requests were answered, and returns them all. */
  public List<Received> awaitRequests(int count, Duration atMost) {
    await().atMost(atMost).until(() -> received.size() >= count);
    return requests();
  }

  @Override
  public void close() {
    releaseHangs();
    server.stop(0);
    threads.shutdownNow();
  }

  private void releaseHangs() {
    CountDownLatch released = hangs;
    hangs = new CountDownLatch(1);
    released.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try (exchange) {
      int call;
      int arrivedIn;
      CountDownLatch hang = hangs;
      Answer answer;
      synchronized (lock) {
        call = calls.incrementAndGet();
        arrivedIn = generation.get();
        answer = next.isEmpty() ? standing : next.removeFirst();
      }
      if (!"POST".equals(exchange.getRequestMethod())
          || !"/messages".equals(exchange.getRequestURI().getPath())) {
        answer = Answer.status(404);
      }
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, String> headers = new HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
      if (!answer.delay().isZero()) {
        try {
          hang.await(answer.delay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      JsonNode message = parse(body);
      Received request =
          new Received(
              call,
              Instant.now(),
              text(message, "to"),
              text(message, "from"),
              text(message, "text"),
              text(message, "reference"),
              Collections.unmodifiableMap(headers),
              body,
              answer.status());
      synchronized (lock) {
        if (arrivedIn == generation.get()) {
          received.add(request);
        }
      }
      if (answer.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
      }
      String reply =
          answer.accepted()
              ? "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"queued\"}"
              : "{\"error\":\"stub answer " + answer.status() + "\"}";
      byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      try {
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (IOException clientGone) {
        // The client gave up (read timeout) before the answer; the request is recorded all the
        // same.
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static String text(JsonNode message, String field) {
    return message == null || message.get(field) == null || message.get(field).isNull()
        ? null
        : message.get(field).asString();
  }
}
