package org.cellpath.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token issuer for local development and tests only: it signs a JWT for whatever role it is asked
 * for, without any login. It must never run where real patient data is (its name, its issuer and
 * every token it signs say {@code local-dev}).
 *
 * <p>On the loopback interface only:
 *
 * <ul>
 *   <li>{@code GET /.well-known/jwks.json}: its public key, for the services' {@code
 *       JWT_JWK_SET_URI};
 *   <li>{@code GET /token?role=PHYSICIAN&npi=1234567893&sub=dr-lee}: {@code {"access_token": ...,
 *       "token_type": "Bearer", "expires_in": 3600}}; {@code role} may repeat, {@code npi} is for
 *       physicians.
 * </ul>
 *
 * <p>It answers only requests addressed to it as {@code localhost}, {@code 127.0.0.1} or {@code
 * [::1]} with its own port (the {@code Host} header); any other host gets 421. Binding the loopback
 * interface keeps other machines out, but not a web page in the developer's own browser: through
 * DNS rebinding, a page of {@code attacker.example} can reach a loopback port under its own name
 * and read the answer as same-origin. Its {@code Host} header still says {@code attacker.example},
 * so such a page gets no token.
 *
 * <p>Tokens are RS256, with {@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code exp}, {@code
 * jti}, {@code roles} and, for physicians, {@code npi}. The key pair is made at start and lives
 * only in memory: tokens do not outlive the issuer.
 */
public final class DevTokenIssuer implements AutoCloseable {

  /** The issuer ({@code iss}) of every token, unless another is asked for. */
  public static final String ISSUER = "https://local-dev.cellpath.invalid/issuer";

  /** The audience ({@code aud}) of every token, unless another is asked for. */
  public static final String AUDIENCE = "cellpath-api";

  /** The roles a token may carry. */
  public static final Set<String> ROLES = Set.of("PHYSICIAN", "REVIEWER", "SCHEDULER", "ADMIN");

  private static final Logger log = LoggerFactory.getLogger(DevTokenIssuer.class);
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final RSAKey key;
  private final HttpServer server;
  private final ExecutorService threads;

  private DevTokenIssuer(RSAKey key, HttpServer server, ExecutorService threads) {
    this.key = key;
    this.server = server;
    this.threads = threads;
  }

  /** Starts the issuer on {@code port} of the loopback interface (0 for any free port). */
  public static DevTokenIssuer start(int port) {
    try {
      RSAKey key = newKey();
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ExecutorService threads =
          Executors.newFixedThreadPool(
              2,
              runnable -> {
                Thread thread = new Thread(runnable, "dev-token-issuer");
                thread.setDaemon(true);
                return thread;
              });
      DevTokenIssuer issuer = new DevTokenIssuer(key, server, threads);
      server.createContext("/.well-known/jwks.json", issuer::jwks);
      server.createContext("/token", issuer::token);
      server.setExecutor(threads);
      server.start();
      log.info("Local development token issuer (never for real data) on port {}", issuer.port());
      return issuer;
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the local token issuer on port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** What the services' {@code JWT_JWK_SET_URI} points to. */
  public String jwkSetUri() {
    return "http://127.0.0.1:" + port() + "/.well-known/jwks.json";
  }

  /** A valid token for the roles; {@code npi} (a physician's) may be null. */
  public String token(String subject, String npi, String... roles) {
    return sign(claims(subject, npi, List.of(roles)).build(), key);
  }

  /**
   * The claims of a valid token, for tests that change one of them (issuer, audience, expiry)
   * before signing with {@link #sign}.
   */
  public JWTClaimsSet.Builder claims(String subject, String npi, List<String> roles) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .jwtID(UUID.randomUUID().toString())
            .claim("roles", roles);
    if (npi != null) {
      claims.claim("npi", npi);
    }
    return claims;
  }

  /** Signs the claims with this issuer's key (RS256). */
  public String sign(JWTClaimsSet claims) {
    return sign(claims, key);
  }

  /** Signs the claims with a key the services do not know: a forged token. */
  public static String signWithStrangerKey(JWTClaimsSet claims) {
    return sign(claims, newKey());
  }

  /** The claims as an unsigned token ({@code alg: none}). */
  public static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void jwks(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!addressedToLoopback(exchange)) {
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "{\"error\":\"method_not_allowed\"}");
        return;
      }
      respond(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
    }
  }

  private void token(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!addressedToLoopback(exchange)) {
        return;
      }
      Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
      List<String> roles =
          query.getOrDefault("role", List.of()).stream()
              .map(role -> role.toUpperCase(Locale.ROOT))
              .toList();
      if (roles.isEmpty() || !ROLES.containsAll(roles)) {
        respond(
            exchange,
            400,
            "{\"error\":\"invalid_request\",\"error_description\":\"role must be one or more of "
                + "PHYSICIAN, REVIEWER, SCHEDULER, ADMIN\"}");
        return;
      }
      String npi = query.getOrDefault("npi", List.of()).stream().findFirst().orElse(null);
      if (roles.contains("PHYSICIAN") && (npi == null || !npi.matches("[0-9]{10}"))) {
        respond(
            exchange,
            400,
            "{\"error\":\"invalid_request\",\"error_description\":\"a PHYSICIAN token needs "
                + "npi, the physician's 10-digit NPI\"}");
        return;
      }
      String subject =
          query
              .getOrDefault("sub", List.of("local-" + roles.get(0).toLowerCase(Locale.ROOT)))
              .get(0);
      String token = token(subject, npi, roles.toArray(String[]::new));
      respond(
          exchange,
          200,
          "{\"access_token\":\""
              + token
              + "\",\"token_type\":\"Bearer\",\"expires_in\":"
              + LIFETIME.toSeconds()
              + "}");
    }
  }

  /**
   * True when the request's {@code Host} names this issuer on the loopback interface; otherwise
   * answers 421 (Misdirected Request) and returns false.
   */
  private boolean addressedToLoopback(HttpExchange exchange) throws IOException {
    List<String> hosts = exchange.getRequestHeaders().getOrDefault("Host", List.of());
    if (hosts.size() == 1
        && loopbackHosts().contains(hosts.get(0).strip().toLowerCase(Locale.ROOT))) {
      return true;
    }
    log.warn(
        "Local token issuer: refused a request addressed to another host than localhost:{}",
        port());
    respond(
        exchange,
        421,
        "{\"error\":\"misdirected_request\",\"error_description\":\"this issuer answers only "
            + "requests to localhost:"
            + port()
            + " or 127.0.0.1:"
            + port()
            + "\"}");
    return false;
  }

  private Set<String> loopbackHosts() {
    int port = port();
    return Set.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port);
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> parameters = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    Arrays.stream(raw.split("&"))
        .map(pair -> pair.split("=", 2))
        .filter(pair -> pair.length == 2)
        .forEach(
            pair ->
                parameters
                    .computeIfAbsent(
                        URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        name -> new ArrayList<>())
                    .add(URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    return parameters;
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String sign(JWTClaimsSet claims, RSAKey key) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not sign a token", e);
    }
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048)
          .keyUse(KeyUse.SIGNATURE)
          .keyID(UUID.randomUUID().toString())
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not make a signing key", e);
    }
  }
}
