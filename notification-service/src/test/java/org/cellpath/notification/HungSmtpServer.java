package org.cellpath.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server that hangs: a real {@link ServerSocket} that accepts every connection and never
 * writes a byte (no greeting, no reply), reading and dropping whatever the client sends. It records
 * each connection accepted while hanging and how long the client stayed on it: how long a sender
 * was stuck.
 *
 * <p>It can also stand in front of a real SMTP server on the same port, so that the port is never
 * given up between the two (another process could take it meanwhile): {@link #forwardTo} passes new
 * connections through to the real server and closes the hung ones; {@link #hang()} stops answering
 * again, on the connections it passes through too.
 */
public final class HungSmtpServer implements AutoCloseable {

  /**
   * One connection accepted while hanging; {@code held} is null while the client is still on it.
   */
  public record Connection(Duration held) {}

  private final ServerSocket server;
  private final List<Held> hung = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile int forwardTo;

  private HungSmtpServer(ServerSocket server) {
    this.server = server;
    daemon("hung-smtp-" + server.getLocalPort(), this::accept);
  }

  /** Listens on the loopback address at {@code port} (0: any free port), hanging. */
  public static HungSmtpServer start(int port) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return new HungSmtpServer(server);
    } catch (IOException e) {
      throw new IllegalStateException("Could not listen on port " + port, e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /**
   * From now on passes new connections through to the SMTP server at {@code port}; closes the hung
   * ones.
   */
  public void forwardTo(int port) {
    forwardTo = port;
    hung.forEach(connection -> closeQuietly(connection.socket));
  }

  /** From now on answers nothing, on new connections and on those it passes through. */
  public void hang() {
    forwardTo = 0;
  }

  /** How many connections it accepted while hanging. */
  public int accepted() {
    return hung.size();
  }

  /** The connections accepted while hanging, in order. */
  public List<Connection> connections() {
    return hung.stream()
        .map(
            c -> new Connection(c.released == 0 ? null : Duration.ofNanos(c.released - c.accepted)))
        .toList();
  }

  @Override
  public void close() {
    closeQuietly(server);
    sockets.forEach(HungSmtpServer::closeQuietly);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        int target = forwardTo;
        if (target == 0) {
          Held connection = new Held(client, System.nanoTime());
          hung.add(connection);
          daemon("hung-smtp-client", () -> drain(connection));
        } else {
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          sockets.add(upstream);
          daemon("smtp-forward", () -> pump(client, upstream));
          daemon("smtp-forward", () -> pump(upstream, client));
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Reads until the client closes its side, answering nothing. */
  private static void drain(Held connection) {
    try (Socket client = connection.socket;
        InputStream in = client.getInputStream()) {
      byte[] buffer = new byte[4096];
      while (in.read(buffer) >= 0) {
        // a hung server reads and never answers
      }
    } catch (IOException gone) {
      // the client reset the connection: gone all the same
    } finally {
      connection.released = System.nanoTime();
    }
  }

  /**
   * Copies from one side to the other until either closes; while hanging, reads on and forwards
   * nothing.
   */
  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (forwardTo != 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException closed) {
      // one side went away
    } finally {
      closeQuietly(to);
    }
  }

  private static void daemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  private static final class Held {
    private final Socket socket;
    private final long accepted;
    private volatile long released;

    Held(Socket socket, long accepted) {
      this.socket = socket;
      this.accepted = accepted;
    }
  }
}
