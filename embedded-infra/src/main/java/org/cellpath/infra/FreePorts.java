package org.cellpath.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks TCP ports on the loopback interface for servers that cannot bind port 0 themselves and
 * report back (the Kafka controller listener, PostgreSQL).
 */
public final class FreePorts {

  private FreePorts() {}

  /**
   * Returns a port that was free a moment ago. Another process may still take it before the caller
   * binds it; that race is accepted because the servers here fail loudly when it happens.
   *
   * @return a free TCP port on the loopback interface
   */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket()) {
      // SO_REUSEADDR off: the port must really be unused, not merely in TIME_WAIT.
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free TCP port on the loopback interface", e);
    }
  }

  /**
   * Returns {@code port} itself when it is positive, or a free port when it is 0.
   *
   * @param port a port number, or 0 for any free port
   * @return the port to bind
   * @throws IllegalArgumentException if {@code port} is negative or above 65535
   */
  public static int resolve(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Not a TCP port: " + port);
    }
    return port == 0 ? pick() : port;
  }
}
