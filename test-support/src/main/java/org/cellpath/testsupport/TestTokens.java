package org.cellpath.testsupport;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.cellpath.infra.DevTokenIssuer;

/**
 * Bearer tokens for tests, signed by one in-process issuer per JVM whose keys every test context
 * trusts ({@link IntegrationTestInitializer} points {@code cellpath.security.jwt.*} at it). Valid
 * tokens per role, and the broken ones an authorization test needs: expired, another issuer,
 * another audience, unsigned, forged.
 */
public final class TestTokens {

  /** A physician NPI that passes the check digit, for tests that need one physician. */
  public static final String NPI = "1234567893";

  /** Another valid NPI: a second physician, who must not see the first one's referrals. */
  public static final String OTHER_NPI = "1245319599";

  private TestTokens() {}

  /** The JVM's issuer, started on first use. */
  public static synchronized DevTokenIssuer issuer() {
    if (Holder.issuer == null) {
      Holder.issuer = DevTokenIssuer.start(0);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(Holder.issuer::close, "dev-token-issuer-stop"));
    }
    return Holder.issuer;
  }

  /** A physician with this NPI. */
  public static String physician(String npi) {
    return issuer().token("physician-" + npi, npi, "PHYSICIAN");
  }

  public static String reviewer() {
    return issuer().token("reviewer-1", null, "REVIEWER");
  }

  public static String scheduler() {
    return issuer().token("scheduler-1", null, "SCHEDULER");
  }

  public static String admin() {
    return issuer().token("admin-1", null, "ADMIN");
  }

  /** The value of an {@code Authorization} header. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }

  /**
   * A token of the role that expired a minute ago (beyond the services' clock skew of one minute).
   */
  public static String expired(String role) {
    return issuer()
        .sign(
            claims(role)
                .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                .build());
  }

  /**
   * A token of the role from an issuer the services do not accept (signed with the trusted key).
   */
  public static String wrongIssuer(String role) {
    return issuer().sign(claims(role).issuer("https://attacker.example/issuer").build());
  }

  /** A token of the role for another API (signed with the trusted key). */
  public static String wrongAudience(String role) {
    return issuer().sign(claims(role).audience("another-api").build());
  }

  /** A token of the role with {@code alg: none}: no signature at all. */
  public static String unsigned(String role) {
    return DevTokenIssuer.unsigned(claims(role).build());
  }

  /** A token of the role signed by a key the services do not know. */
  public static String forged(String role) {
    return DevTokenIssuer.signWithStrangerKey(claims(role).build());
  }

  private static JWTClaimsSet.Builder claims(String role) {
    return issuer()
        .claims(role.toLowerCase() + "-1", "PHYSICIAN".equals(role) ? NPI : null, List.of(role));
  }

  private static final class Holder {
    private static DevTokenIssuer issuer;
  }
}
