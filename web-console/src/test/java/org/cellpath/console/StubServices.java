package org.cellpath.console;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the three services and the development token issuer in the console's own tests (the
 * browser tests in local-stack use the real ones): canned answers per method and path, every
 * request recorded, and tokens signed with a key whose JWK set it serves, as the issuer does.
 */
public final class StubServices implements AutoCloseable {

  public static final String ISSUER = "https://local-dev.cellpath.invalid/issuer";
  public static final String AUDIENCE = "cellpath-api";

  /**
   * One request as the stub saw it.
   *
   * @param patientLink the {@code Patient-Link} header (the patient pages' credential), or null
   */
  public record Seen(
      String method,
      String path,
      String query,
      String authorization,
      String body,
      String patientLink) {}

  private record Answer(int status, String contentType, String body) {}

  private final HttpServer server;
  private final RSAKey key;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

  private StubServices(HttpServer server, RSAKey key) {
    this.server = server;
    this.key = key;
  }

  public static StubServices start() {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      StubServices stub = new StubServices(server, key);
      server.createContext("/", stub::handle);
      server.start();
      return stub;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Answers {@code METHOD path} (path without query) with this body and content type from now on.
   */
  public StubServices answer(
      String method, String path, int status, String contentType, String body) {
    answers.put(method + " " + path, new Answer(status, contentType, body));
    return this;
  }

  /** Answers {@code METHOD path} (path without query) with this JSON from now on. */
  public StubServices answer(String method, String path, int status, String json) {
    answers.put(
        method + " " + path,
        new Answer(status, status >= 400 ? "application/problem+json" : "application/json", json));
    return this;
  }

  public List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  public void reset() {
    answers.clear();
    seen.clear();
  }

  /**
   * A token the console accepts: this stub's key, the issuer and audience the test configuration
   * names.
   */
  public String token(String subject, String npi, String... roles) {
    try {
      JWTClaimsSet.Builder claims =
          new JWTClaimsSet.Builder()
              .issuer(ISSUER)
              .audience(AUDIENCE)
              .subject(subject)
              .issueTime(new Date())
              .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
              .claim("roles", List.of(roles));
      if (npi != null) {
        claims.claim("npi", npi);
      }
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      seen.add(
          new Seen(
              method,
              path,
              query,
              exchange.getRequestHeaders().getFirst("Authorization"),
              body,
              exchange.getRequestHeaders().getFirst("Patient-Link")));
      Answer answer;
      if (path.equals("/jwks")) {
        answer = new Answer(200, "application/json", new JWKSet(key.toPublicJWK()).toString());
      } else if (path.equals("/token")) {
        answer = devToken(query);
      } else {
        answer =
            answers.getOrDefault(
                method + " " + path,
                new Answer(
                    404,
                    "application/problem+json",
                    "{\"status\":404,\"title\":\"Not found\",\"detail\":\"No stub for "
                        + method
                        + " "
                        + path
                        + "\"}"));
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** The development issuer's {@code /token?role=&sub=&npi=}. */
  private Answer devToken(String query) {
    String role = null;
    String subject = "stub";
    String npi = null;
    for (String pair : query == null ? new String[0] : query.split("&")) {
      String[] kv = pair.split("=", 2);
      String value = java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
      switch (kv[0]) {
        case "role" -> role = value;
        case "sub" -> subject = value;
        case "npi" -> npi = value;
        default -> {}
      }
    }
    return new Answer(
        200,
        "application/json",
        "{\"access_token\":\""
            + token(subject, npi, role)
            + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
