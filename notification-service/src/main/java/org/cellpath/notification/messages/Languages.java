package org.cellpath.notification.messages;

import java.util.Locale;

/**
 * The languages messages are written in. The clinic is in the United States, so formats follow US English and US
 * Spanish (12-hour clock in both); anything else is answered in English.
 */
final class Languages {

  static final Locale ENGLISH = Locale.forLanguageTag("en-US");
  static final Locale SPANISH = Locale.forLanguageTag("es-US");

  private Languages() {}

  /** The locale for a patient's language code ({@code en}, {@code es}); English when unknown or missing. */
  static Locale of(String language) {
    if (language != null && "es".equals(Locale.forLanguageTag(language.strip().replace('_', '-')).getLanguage())) {
      return SPANISH;
    }
    return ENGLISH;
  }
}
