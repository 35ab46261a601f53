package org.cellpath.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DevTokenIssuerTest {

  private static final DevTokenIssuer issuer = DevTokenIssuer.start(0);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stop() {
    issuer.close();
  }

  @Test
  void aTokenFromTheEndpointIsSignedByTheKeyItPublishesAndCarriesRoleNpiIssuerAndAudience() throws Exception {
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

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + issuer.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
