package org.cellpath.notification.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Open SMTP connections, one per sending thread, each used for the next message instead of a
 * connection (TCP, EHLO, QUIT, and a write-timeout timer thread) per message. A connection is
 * replaced after {@link #MAX_IDLE} unused, well inside the five minutes an SMTP server waits before
 * it may close one (RFC 5321 section 4.5.3.2.7), after {@link #MAX_MESSAGES} messages, and after
 * any failure.
 *
 * <p>A server may still have dropped a kept connection (a restart, say): when a kept connection
 * fails for a reason of the connection (an I/O error, a 421 "closing transmission channel", or the
 * connection's end where a reply was due), the message is sent once more on a new connection; not
 * after a read timeout, since a server that stopped answering would hold the new one as long. That
 * can repeat a message the server had accepted just before the connection broke; it is the same
 * message (the same Message-ID), as after any resend (ADR 14).
 *
 * <p>Uses the session, server and credentials of the {@link JavaMailSenderImpl} that Spring Boot
 * configures from {@code spring.mail.*}. {@link Transport} is not thread-safe: each thread keeps
 * its own.
 */
final class SmtpConnections implements AutoCloseable {

  static final Duration MAX_IDLE = Duration.ofSeconds(30);
  static final int MAX_MESSAGES = 100;

  /**
   * The reply of a server that is closing the connection; Jakarta Mail's exception message starts
   * with it.
   */
  private static final String CLOSING_TRANSMISSION_CHANNEL = "421";

  /**
   * What Jakarta Mail reports as the server's reply when the connection ended before one came: a
   * server that closed the connection cleanly (a restart) is read as an end of stream, not as an
   * I/O error.
   */
  private static final String END_OF_STREAM = "[EOF]";

  private final JavaMailSenderImpl mail;
  private final ThreadLocal<Connection> ofThisThread = new ThreadLocal<>();
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong opened = new AtomicLong();

  SmtpConnections(JavaMailSenderImpl mail) {
    this.mail = mail;
  }

  /**
   * Sends the message on this thread's connection, opened or replaced as needed. An explicitly set
   * Message-ID is kept (saving the message would otherwise make a new one), as {@link
   * JavaMailSenderImpl} does.
   */
  void send(MimeMessage message) throws MessagingException {
    if (message.getSentDate() == null) {
      message.setSentDate(new Date());
    }
    String messageId = message.getMessageID();
    message.saveChanges();
    if (messageId != null) {
      message.setHeader("Message-ID", messageId);
    }
    Address[] recipients = message.getAllRecipients();
    Address[] to = recipients == null ? new Address[0] : recipients;

    Connection connection = ofThisThread.get();
    boolean kept = connection != null && connection.reusable(System.nanoTime());
    if (!kept) {
      close(connection);
      connection = connect();
    }
    try {
      connection.send(message, to);
      return;
    } catch (MessagingException failure) {
      close(connection);
      if (!kept || !connectionLost(failure)) {
        throw failure;
      }
    }
    Connection fresh = connect();
    try {
      fresh.send(message, to);
    } catch (MessagingException failure) {
      close(fresh);
      throw failure;
    }
  }

  /** How many connections were opened so far (for tests and for judging reuse). */
  long opened() {
    return opened.get();
  }

  /** Closes every open connection; a thread that sends later opens a new one. */
  @Override
  public void close() {
    for (Connection connection : open) {
      close(connection);
    }
  }

  /**
   * Whether a fresh connection could succeed where a kept one failed: the connection broke, or the
   * server left. Not when the server stopped answering (a read timeout): it would not answer a new
   * connection either, and trying one would hold the sending thread (and the message's row lock)
   * for a second timeout.
   */
  static boolean connectionLost(MessagingException failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SocketTimeoutException) {
        return false;
      }
      if (t instanceof IOException) {
        return true;
      }
      if (serverLeft(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether this failure is the server closing the connection: a 421 reply, or the connection's end
   * instead of one.
   */
  static boolean serverLeft(Throwable failure) {
    if (!(failure instanceof MessagingException) || failure.getMessage() == null) {
      return false;
    }
    String reply = failure.getMessage();
    return reply.startsWith(CLOSING_TRANSMISSION_CHANNEL) || reply.startsWith(END_OF_STREAM);
  }

  private Connection connect() throws MessagingException {
    Transport transport =
        mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
    transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
    opened.incrementAndGet();
    Connection connection = new Connection(transport);
    open.add(connection);
    ofThisThread.set(connection);
    return connection;
  }

  private void close(Connection connection) {
    if (connection == null) {
      return;
    }
    open.remove(connection);
    if (ofThisThread.get() == connection) {
      ofThisThread.remove();
    }
    connection.closed = true;
    try {
      connection.transport.close();
    } catch (MessagingException | RuntimeException ignored) {
      // Closing a broken connection may fail as well; it is gone either way.
    }
  }

  /** The cause of a failure, following Jakarta Mail's chained "next" exceptions first. */
  static Throwable next(Throwable t) {
    Throwable cause =
        t instanceof MessagingException messaging && messaging.getNextException() != null
            ? messaging.getNextException()
            : t.getCause();
    return cause == t ? null : cause;
  }

  private static final class Connection {
    private final Transport transport;
    private int messages;
    private long lastUsedNanos = System.nanoTime();

    /**
     * Set by whichever thread closes it (on shutdown, any thread's), so that its owner opens a new
     * one.
     */
    private volatile boolean closed;

    Connection(Transport transport) {
      this.transport = transport;
    }

    /**
     * Not asked of the server ({@link Transport#isConnected} costs a NOOP round trip): a failure
     * tells.
     */
    boolean reusable(long nowNanos) {
      return !closed && messages < MAX_MESSAGES && nowNanos - lastUsedNanos < MAX_IDLE.toNanos();
    }

    void send(MimeMessage message, Address[] to) throws MessagingException {
      transport.sendMessage(message, to);
      messages++;
      lastUsedNanos = System.nanoTime();
    }
  }
}
