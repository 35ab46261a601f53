package org.cellpath.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server that has hung: it accepts every TCP connection on the SMTP port and then never says
 * a word (not even the 220 greeting), keeping the connections open until it is closed.
 */
final class SilentSmtpServer implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> connections = new ArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  private SilentSmtpServer(ServerSocket server) {
    this.server = server;
    this.acceptor = new Thread(this::accept, "silent-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static SilentSmtpServer start(int port) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return new SilentSmtpServer(server);
    } catch (IOException e) {
      throw new IllegalStateException("Could not listen on the SMTP port " + port, e);
    }
  }

  int accepted() {
    return accepted.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket connection = server.accept();
        accepted.incrementAndGet();
        synchronized (connections) {
          connections.add(connection);
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      acceptor.join(5_000);
    } catch (IOException alreadyClosed) {
      // Nothing more to release.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (connections) {
      for (Socket connection : connections) {
        try {
          connection.close();
        } catch (IOException ignored) {
          // Closing a connection the client may have closed already.
        }
      }
    }
  }
}
