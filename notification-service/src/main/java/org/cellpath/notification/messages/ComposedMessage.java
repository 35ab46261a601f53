package org.cellpath.notification.messages;

import java.util.Locale;
import org.cellpath.notification.delivery.RenderedMessage;

/** A rendered message and the locale it was written in. */
record ComposedMessage(Locale locale, RenderedMessage content) {

  /** The language code stored with the message ({@code en}, {@code es}). */
  String language() {
    return locale.getLanguage();
  }
}
