package org.cellpath.notification.messages;

import java.util.Locale;
import org.cellpath.notification.delivery.RenderedMessage;

/**
 * A rendered message and the locale it was written in.
 *
 * @param content the email (subject, text, HTML, and a calendar file where the kind has one)
 * @param sms the SMS text for kinds that also go (or may go) by SMS, already checked against the
 *     SMS rules; null for email-only kinds
 */
record ComposedMessage(Locale locale, RenderedMessage content, String sms) {

  /** An email-only message. */
  ComposedMessage(Locale locale, RenderedMessage content) {
    this(locale, content, null);
  }

  /** The language code stored with the message ({@code en}, {@code es}). */
  String language() {
    return locale.getLanguage();
  }
}
