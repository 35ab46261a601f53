package org.cellpath.messaging;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C trace context carried in the {@code traceparent} header, so that one case can be followed across the
 * services. An event published while handling another continues the other's trace.
 */
final class Traceparent {

  private static final Pattern VALID = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private Traceparent() {}

  /** A new span in the trace being handled on this thread, or in a new trace. */
  static String next() {
    String parent = CURRENT.get();
    String traceId = parent != null ? parent.substring(3, 35) : randomHex(16);
    return "00-" + traceId + "-" + randomHex(8) + "-01";
  }

  static void enter(String traceparent) {
    if (traceparent != null && VALID.matcher(traceparent).matches()) {
      CURRENT.set(traceparent);
    }
  }

  static void leave() {
    CURRENT.remove();
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
