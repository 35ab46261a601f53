package org.cellpath.localstack;

import static org.cellpath.localstack.MailPages.escapeHtml;
import static org.cellpath.localstack.MailPages.jsonString;

import java.util.List;

/** Renders the SMS catcher's page and JSON. Every value from a message is escaped. */
final class SmsPages {

  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
          + "td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left;vertical-align:top}"
          + "td.text{white-space:pre-wrap;max-width:40em}";

  private SmsPages() {}

  /** Every SMS with its text, newest first. */
  static String index(List<CaughtSms> messages) {
    StringBuilder html =
        new StringBuilder(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CellPath SMS catcher</title>"
                    + "<style>")
            .append(STYLE)
            .append("</style></head><body>\n<h1>CellPath SMS catcher</h1>\n");
    if (messages.isEmpty()) {
      html.append("<p>No SMS yet. Reload after notification-service sends one.</p>\n");
    } else {
      html.append(
          "<table>\n<tr><th>#</th><th>Received</th><th>To</th><th>From</th><th>Text</th>"
              + "<th>Chars</th></tr>\n");
      for (int i = messages.size() - 1; i >= 0; i--) {
        CaughtSms sms = messages.get(i);
        html.append("<tr><td>")
            .append(sms.number())
            .append("</td><td>")
            .append(escapeHtml(sms.receivedAt().toString()))
            .append("</td><td>")
            .append(escapeHtml(sms.to()))
            .append("</td><td>")
            .append(escapeHtml(sms.from()))
            .append("</td><td class=\"text\">")
            .append(escapeHtml(sms.text()))
            .append("</td><td>")
            .append(sms.text().length())
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    return html.append("<p><a href=\"/api/sms\">JSON</a></p>\n</body></html>\n").toString();
  }

  /** Every SMS in arrival order, as a JSON array. */
  static String json(List<CaughtSms> messages) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < messages.size(); i++) {
      CaughtSms sms = messages.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"number\":")
          .append(sms.number())
          .append(",\"id\":")
          .append(jsonString(sms.id()))
          .append(",\"receivedAt\":")
          .append(jsonString(sms.receivedAt().toString()))
          .append(",\"to\":")
          .append(jsonString(sms.to()))
          .append(",\"from\":")
          .append(jsonString(sms.from()))
          .append(",\"text\":")
          .append(jsonString(sms.text()))
          .append(",\"reference\":")
          .append(jsonString(sms.reference()))
          .append('}');
    }
    return json.append(']').toString();
  }
}
