package org.cellpath.localstack;

import java.util.List;

/** Renders the mail catcher's pages and JSON. Every value from a message is escaped. */
final class MailPages {

  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
          + "td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left}pre{white-space:pre-wrap}";

  private MailPages() {}

  /** The list of messages, newest first. */
  static String index(List<CaughtMail> messages) {
    StringBuilder html = page("CellPath mail catcher");
    html.append("<h1>CellPath mail catcher</h1>\n");
    if (messages.isEmpty()) {
      html.append("<p>No messages yet. Reload after a service sends one.</p>\n");
    } else {
      html.append("<table>\n<tr><th>#</th><th>Received</th><th>To</th><th>Subject</th></tr>\n");
      for (int i = messages.size() - 1; i >= 0; i--) {
        CaughtMail mail = messages.get(i);
        html.append("<tr><td>")
            .append(mail.number())
            .append("</td><td>")
            .append(escapeHtml(mail.receivedAt().toString()))
            .append("</td><td>")
            .append(escapeHtml(String.join(", ", mail.to())))
            .append("</td><td><a href=\"/messages/")
            .append(mail.number())
            .append("\">")
            .append(escapeHtml(mail.subject().isEmpty() ? "(no subject)" : mail.subject()))
            .append("</a>")
            .append(attachmentLinks(mail))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    html.append("<p><a href=\"/api/messages\">JSON</a></p>\n");
    return html.append("</body></html>\n").toString();
  }

  /** One message with its text. */
  static String message(CaughtMail mail) {
    StringBuilder html = page("Message " + mail.number());
    html.append("<p><a href=\"/\">All messages</a></p>\n")
        .append("<h1>")
        .append(escapeHtml(mail.subject().isEmpty() ? "(no subject)" : mail.subject()))
        .append("</h1>\n")
        .append("<p>Received ")
        .append(escapeHtml(mail.receivedAt().toString()))
        .append("<br>\n")
        .append("From ")
        .append(escapeHtml(mail.from()))
        .append("<br>\n")
        .append("To ")
        .append(escapeHtml(String.join(", ", mail.to())))
        .append("</p>\n")
        .append("<pre>")
        .append(escapeHtml(mail.text()))
        .append("</pre>\n");
    if (!mail.attachments().isEmpty()) {
      html.append("<h2>Attachments</h2>\n<ul id=\"attachments\">\n");
      for (CaughtMail.Attachment attachment : mail.attachments()) {
        html.append("<li>").append(link(attachment)).append("</li>\n");
      }
      html.append("</ul>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  /** The attachments after a subject in the list, each a download link. */
  private static String attachmentLinks(CaughtMail mail) {
    StringBuilder links = new StringBuilder();
    for (CaughtMail.Attachment attachment : mail.attachments()) {
      links.append(" · ").append(link(attachment));
    }
    return links.toString();
  }

  private static String link(CaughtMail.Attachment attachment) {
    return "<a class=\"attachment\" download href=\""
        + escapeHtml(attachment.path())
        + "\">"
        + escapeHtml(attachment.filename())
        + "</a> ("
        + escapeHtml(attachment.contentType())
        + ", "
        + attachment.content().length
        + " bytes)";
  }

  static String notFound() {
    return page("Not found")
        .append("<p>No such message. <a href=\"/\">All messages</a></p></body></html>\n")
        .toString();
  }

  /** All messages in arrival order, as a JSON array. */
  static String json(List<CaughtMail> messages) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < messages.size(); i++) {
      CaughtMail mail = messages.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"number\":")
          .append(mail.number())
          .append(",\"receivedAt\":")
          .append(jsonString(mail.receivedAt().toString()))
          .append(",\"from\":")
          .append(jsonString(mail.from()))
          .append(",\"to\":[");
      for (int j = 0; j < mail.to().size(); j++) {
        if (j > 0) {
          json.append(',');
        }
        json.append(jsonString(mail.to().get(j)));
      }
      json.append("],\"subject\":")
          .append(jsonString(mail.subject()))
          .append(",\"text\":")
          .append(jsonString(mail.text()))
          .append(",\"attachments\":[");
      for (int j = 0; j < mail.attachments().size(); j++) {
        CaughtMail.Attachment attachment = mail.attachments().get(j);
        json.append(j > 0 ? "," : "")
            .append("{\"filename\":")
            .append(jsonString(attachment.filename()))
            .append(",\"contentType\":")
            .append(jsonString(attachment.contentType()))
            .append(",\"url\":")
            .append(jsonString(attachment.path()))
            .append('}');
      }
      json.append("]}");
    }
    return json.append(']').toString();
  }

  /** Escapes the five characters that matter in HTML text and attribute values. */
  static String escapeHtml(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** Returns {@code text} as a quoted JSON string. */
  static String jsonString(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          // Control characters must be escaped; '<' too, so the JSON is safe to embed in a page.
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }

  private static StringBuilder page(String title) {
    return new StringBuilder(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escapeHtml(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
  }
}
