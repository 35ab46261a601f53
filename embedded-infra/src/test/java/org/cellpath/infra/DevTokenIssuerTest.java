package org.cellpath.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevTokenIssuerTest {

  private static final DevTokenIssuer issuer = DevTokenIssuer.start(0);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stop() {
    issuer.close();
  }

  @Test
  void aTokenFromTheEndpointIsSignedByTheKeyItPublishesAndCarriesRoleNpiIssuerAndAudience()
      throws Exception {
    String body = get("/token?role=physician&npi=1234567893&sub=dr-lee").body();
    String token = body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    RSAKey key = JWKSet.parse(get("/.well-known/jwks.json").body()).getKeys().get(0).toRSAKey();

    SignedJWT jwt = SignedJWT.parse(token);

    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("PHYSICIAN");
    assertThat(jwt.getJWTClaimsSet().getStringClaim("npi")).isEqualTo("1234567893");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("dr-lee");
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(DevTokenIssuer.ISSUER);
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(DevTokenIssuer.AUDIENCE);
    assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isInTheFuture();
    assertThat(key.isPrivate()).as("only the public key is published").isFalse();
  }

  @Test
  void refusesAnUnknownRoleAndAPhysicianWithoutAnNpi() throws Exception {
    assertThat(get("/token?role=SUPERUSER").statusCode()).isEqualTo(400);
    assertThat(get("/token?role=PHYSICIAN").statusCode()).isEqualTo(400);
    assertThat(get("/token").statusCode()).isEqualTo(400);
  }

  /**
   * A page that rebinds its own name to 127.0.0.1 reaches the issuer with its name in {@code Host};
   * so does anything that is not addressing the issuer as itself.
   */
  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(
      strings = {
        "attacker.example:PORT",
        "attacker.example",
        "localhost.attacker.example:PORT",
        "127.0.0.1.nip.io:PORT",
        "localhost:1",
        "localhost",
        "-"
      })
  void aRequestAddressedToAnotherHostGetsNoToken(String host) throws Exception {
    String hostHeader =
        host.equals("-") ? null : host.replace("PORT", Integer.toString(issuer.port()));

    String token = rawGet("/token?role=ADMIN", hostHeader);
    String keys = rawGet("/.well-known/jwks.json", hostHeader);

    assertThat(token).startsWith("HTTP/1.1 421").doesNotContain("access_token");
    assertThat(keys).startsWith("HTTP/1.1 421").doesNotContain("\"keys\"");
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"localhost:PORT", "127.0.0.1:PORT", "[::1]:PORT", "LocalHost:PORT"})
  void aRequestAddressedToTheIssuerOnTheLoopbackGetsItsToken(String host) throws Exception {
    String answer =
        rawGet("/token?role=ADMIN", host.replace("PORT", Integer.toString(issuer.port())));

    assertThat(answer).startsWith("HTTP/1.1 200").contains("\"access_token\":\"");
  }

  /**
   * A GET with exactly this {@code Host} header (none when null), which HttpClient would not let a
   * test set.
   */
  private static String rawGet(String path, String host) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), issuer.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\n"
                  + (host == null ? "" : "Host: " + host + "\r\n")
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + issuer.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
