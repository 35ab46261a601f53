package org.cellpath.settings;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * How a setting points at the local development token issuer (embedded-infra's {@code
 * DevTokenIssuer}, which local-stack and the tests run): its issuer name, and its key set, which it
 * serves on a loopback address only. Names under {@code .invalid} are refused too: that top-level
 * domain can never be a real identity provider's.
 */
final class LocalTokenIssuer {

  /** The {@code iss} of every token the local issuer signs. */
  static final String ISSUER = "https://local-dev.cellpath.invalid/issuer";

  /** Where the local issuer serves its public key. */
  static final String KEY_SET_PATH = "/.well-known/jwks.json";

  private LocalTokenIssuer() {}

  static boolean isIssuer(String issuer) {
    String value = issuer.strip();
    return value.equals(ISSUER) || hasInvalidHost(value);
  }

  static boolean isKeySet(String keySetUri) {
    String value = keySetUri.strip();
    if (hasInvalidHost(value)) {
      return true;
    }
    URI uri = parse(value);
    return uri != null && KEY_SET_PATH.equals(uri.getPath()) && isLoopback(uri.getHost());
  }

  private static boolean hasInvalidHost(String value) {
    URI uri = parse(value);
    if (uri == null || uri.getHost() == null) {
      return false;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return host.equals("invalid") || host.endsWith(".invalid");
  }

  private static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String name =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!name.matches("[0-9]+(\\.[0-9]+){0,3}|[0-9a-fA-F]*:[0-9a-fA-F:.]*")) {
      // A name is never looked up here: the check must not wait on DNS.
      return false;
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException notAnAddress) {
      return false;
    }
  }

  private static URI parse(String value) {
    try {
      return URI.create(value);
    } catch (IllegalArgumentException notAUri) {
      return null;
    }
  }
}
