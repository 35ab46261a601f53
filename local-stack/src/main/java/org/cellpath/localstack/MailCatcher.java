package org.cellpath.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cellpath.infra.FreePorts;

/**
 * A local SMTP server that accepts every message for any recipient without authentication
 * (GreenMail), and a small web page to read what arrived.
 *
 * <p>Pages, on {@code localhost} only: {@code /} lists the messages (time, recipients, subject),
 * {@code /messages/<n>} shows one, {@code /api/messages} returns them all as JSON (number,
 * receivedAt, from, to, subject, text) for tests. Message contents and addresses are never logged:
 * local-stack's logback.xml keeps GreenMail, which names every recipient it creates a mailbox for,
 * to its errors.
 */
public final class MailCatcher implements AutoCloseable {

  private static final Pattern MESSAGE_PATH = Pattern.compile("/messages/(\\d{1,9})");
  private static final Pattern ATTACHMENT_PATH =
      Pattern.compile("/messages/(\\d{1,9})/attachments/(\\d{1,4})");

  private final GreenMail greenMail;
  private final HttpServer http;
  private final int smtpPort;

  private MailCatcher(GreenMail greenMail, HttpServer http, int smtpPort) {
    this.greenMail = greenMail;
    this.http = http;
    this.smtpPort = smtpPort;
  }

  /**
   * Starts the SMTP server and the web page, both bound to the loopback interface.
   *
   * @param smtpPort the SMTP port, or 0 for a free one
   * @param uiPort the web page's port, or 0 for a free one
   * @return the running catcher
   * @throws IllegalStateException if either port cannot be bound
   */
  public static MailCatcher start(int smtpPort, int uiPort) {
    int resolvedSmtpPort = FreePorts.resolve(smtpPort);
    GreenMail greenMail =
        new GreenMail(new ServerSetup(resolvedSmtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    try {
      greenMail.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Could not start the SMTP server on port " + resolvedSmtpPort, e);
    }
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), uiPort), 0);
      MailCatcher catcher = new MailCatcher(greenMail, http, resolvedSmtpPort);
      http.createContext("/", catcher::handle);
      http.start();
      return catcher;
    } catch (IOException | RuntimeException e) {
      greenMail.stop();
      throw new IllegalStateException("Could not start the mail catcher page on port " + uiPort, e);
    }
  }

  /** Returns the SMTP port. */
  public int smtpPort() {
    return smtpPort;
  }

  /** Returns the web page's port. */
  public int uiPort() {
    return http.getAddress().getPort();
  }

  /** Returns {@code http://localhost:<uiPort>/}. */
  public URI uiUrl() {
    return URI.create("http://localhost:" + uiPort() + "/");
  }

  /**
   * Returns every message received so far, in arrival order. A message sent to several recipients
   * appears once.
   *
   * @return the messages, numbered from 1
   */
  public List<CaughtMail> messages() {
    List<StoredMessage> stored =
        new ArrayList<>(greenMail.getManagers().getImapHostManager().getAllMessages());
    stored.sort(
        Comparator.comparing(StoredMessage::getReceivedDate)
            .thenComparingLong(StoredMessage::getUid));
    // GreenMail keeps one copy per recipient mailbox; show each message once.
    Set<String> seenIds = new HashSet<>();
    List<CaughtMail> messages = new ArrayList<>();
    for (StoredMessage message : stored) {
      MimeMessage mime = message.getMimeMessage();
      String messageId = header(mime, "Message-ID");
      if (messageId != null && !seenIds.add(messageId)) {
        continue;
      }
      messages.add(toCaughtMail(messages.size() + 1, message.getReceivedDate().toInstant(), mime));
    }
    return messages;
  }

  /** Stops the web page and the SMTP server. */
  @Override
  public void close() {
    http.stop(0);
    greenMail.stop();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain", "Method not allowed\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/")) {
        send(exchange, 200, "text/html", MailPages.index(messages()));
      } else if (path.equals("/api/messages")) {
        send(exchange, 200, "application/json", MailPages.json(messages()));
      } else if (ATTACHMENT_PATH.matcher(path).matches()) {
        Matcher matcher = ATTACHMENT_PATH.matcher(path);
        matcher.matches();
        List<CaughtMail> messages = messages();
        int number = Integer.parseInt(matcher.group(1));
        int index = Integer.parseInt(matcher.group(2));
        if (number >= 1
            && number <= messages.size()
            && index >= 1
            && index <= messages.get(number - 1).attachments().size()) {
          serve(exchange, messages.get(number - 1).attachments().get(index - 1));
        } else {
          send(exchange, 404, "text/html", MailPages.notFound());
        }
      } else {
        Matcher matcher = MESSAGE_PATH.matcher(path);
        List<CaughtMail> messages = messages();
        int number = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
        if (number >= 1 && number <= messages.size()) {
          send(exchange, 200, "text/html", MailPages.message(messages.get(number - 1)));
        } else {
          send(exchange, 404, "text/html", MailPages.notFound());
        }
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    // Mail bodies are escaped; the policy is a second line of defence against script in them.
    exchange
        .getResponseHeaders()
        .set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * Serves an attachment as a download of its own type (a calendar file as {@code text/calendar}),
   * so the browser hands it to the calendar rather than showing it in the page.
   */
  private static void serve(HttpExchange exchange, CaughtMail.Attachment attachment)
      throws IOException {
    byte[] bytes = attachment.content();
    boolean text = attachment.contentType().startsWith("text/");
    exchange
        .getResponseHeaders()
        .set("Content-Type", attachment.contentType() + (text ? "; charset=utf-8" : ""));
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange
        .getResponseHeaders()
        .set(
            "Content-Disposition",
            "attachment; filename=\""
                + attachment.filename().replaceAll("[^A-Za-z0-9._-]", "_")
                + "\"");
    exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * The parts that are attachments: those sent as one (a disposition or a file name) and calendar
   * parts (an invitation may come inline), in the order the message holds them.
   */
  static List<CaughtMail.Attachment> attachments(int number, Part part)
      throws MessagingException, IOException {
    List<CaughtMail.Attachment> found = new ArrayList<>();
    collectAttachments(number, part, found);
    return found;
  }

  private static void collectAttachments(int number, Part part, List<CaughtMail.Attachment> found)
      throws MessagingException, IOException {
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collectAttachments(number, multipart.getBodyPart(i), found);
      }
      return;
    }
    boolean attached =
        Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
            || part.getFileName() != null
            || part.isMimeType("text/calendar");
    if (!attached || part instanceof MimeMessage) {
      return;
    }
    int index = found.size() + 1;
    String type =
        part.getContentType() == null ? "application/octet-stream" : part.getContentType();
    String baseType = type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    String filename =
        part.getFileName() != null
            ? part.getFileName()
            : "attachment-" + index + (baseType.equals("text/calendar") ? ".ics" : "");
    try (java.io.InputStream in = part.getInputStream()) {
      found.add(new CaughtMail.Attachment(number, index, filename, baseType, in.readAllBytes()));
    }
  }

  static CaughtMail toCaughtMail(int number, Instant receivedAt, MimeMessage mime) {
    try {
      // Recipients as bare addresses, so that tests can match them; the sender as displayed.
      return new CaughtMail(
          number,
          receivedAt,
          addresses(mime.getFrom()),
          Arrays.stream(nullToEmpty(mime.getRecipients(Message.RecipientType.TO)))
              .map(MailCatcher::bareAddress)
              .toList(),
          mime.getSubject(),
          text(mime),
          attachments(number, mime));
    } catch (MessagingException | IOException e) {
      return new CaughtMail(number, receivedAt, "", List.of(), "(unreadable message)", "");
    }
  }

  /** The plain-text body, else the HTML body, else a note naming the content type. */
  static String text(Part part) throws MessagingException, IOException {
    String plain = firstOfType(part, "text/plain");
    if (plain != null) {
      return plain;
    }
    String html = firstOfType(part, "text/html");
    return html != null ? html : "[" + part.getContentType() + "]";
  }

  private static String firstOfType(Part part, String mimeType)
      throws MessagingException, IOException {
    if (part.isMimeType(mimeType)) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = firstOfType(multipart.getBodyPart(i), mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String header(MimeMessage mime, String name) {
    try {
      String[] values = mime.getHeader(name);
      return values == null || values.length == 0 ? null : values[0];
    } catch (MessagingException e) {
      return null;
    }
  }

  private static String addresses(Address[] addresses) {
    return String.join(
        ", ",
        Arrays.stream(nullToEmpty(addresses))
            .map(
                address ->
                    address instanceof InternetAddress internet
                        ? internet.toUnicodeString()
                        : address.toString())
            .toList());
  }

  private static String bareAddress(Address address) {
    return address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
  }

  private static Address[] nullToEmpty(Address[] addresses) {
    return addresses == null ? new Address[0] : addresses;
  }
}
