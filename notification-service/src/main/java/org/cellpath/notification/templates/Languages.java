package org.cellpath.notification.templates;

import java.util.Locale;

/**
 * The languages messages are written in. The clinic is in the United States, so formats follow US
 * English and US Spanish (12-hour clock in both); anything else is answered in English.
 */
public final class Languages {

  public static final Locale ENGLISH = Locale.forLanguageTag("en-US");
  public static final Locale SPANISH = Locale.forLanguageTag("es-US");

  private Languages() {}

  /**
   * The locale for a patient's language code ({@code en}, {@code es}); English when unknown or
   * missing.
   */
  public static Locale of(String language) {
    if (language != null
        && "es".equals(Locale.forLanguageTag(language.strip().replace('_', '-')).getLanguage())) {
      return SPANISH;
    }
    return ENGLISH;
  }
}
