package org.cellpath.localstack;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message the mail catcher received.
 *
 * @param number its position in arrival order, from 1; stable for the life of the catcher
 * @param receivedAt when it arrived
 * @param from the From header as displayed (with the sender's name), or an empty string
 * @param to the To recipients, bare addresses such as {@code ana@example.org}
 * @param subject the subject, or an empty string
 * @param text the plain-text body (the HTML body if there is no plain one)
 * @param attachments the message's attachments (such as the calendar file), in order
 */
public record CaughtMail(
    int number,
    Instant receivedAt,
    String from,
    List<String> to,
    String subject,
    String text,
    List<Attachment> attachments) {

  public CaughtMail {
    Objects.requireNonNull(receivedAt, "receivedAt");
    from = Objects.requireNonNullElse(from, "");
    to = List.copyOf(to);
    subject = Objects.requireNonNullElse(subject, "");
    text = Objects.requireNonNullElse(text, "");
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  public CaughtMail(
      int number, Instant receivedAt, String from, List<String> to, String subject, String text) {
    this(number, receivedAt, from, to, subject, text, List.of());
  }

  /**
   * One attachment of a caught message; the web page serves it at {@link #path()}.
   *
   * @param index its position among the message's attachments, from 1
   * @param filename its file name, or {@code attachment-<index>} when it has none
   * @param contentType its MIME type without parameters, such as {@code text/calendar}
   * @param content its bytes
   */
  public record Attachment(
      int messageNumber, int index, String filename, String contentType, byte[] content) {

    public String path() {
      return "/messages/" + messageNumber + "/attachments/" + index;
    }

    /** The content as UTF-8 text (a calendar file is text). */
    public String text() {
      return new String(content, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Leaves the content out: it may hold patient details, and records end up in logs. */
    @Override
    public String toString() {
      return "Attachment[" + path() + ", " + contentType + "]";
    }
  }

  /** Leaves the body out: it may hold patient details, and records end up in logs. */
  @Override
  public String toString() {
    return "CaughtMail[#" + number + ", " + receivedAt + "]";
  }
}
