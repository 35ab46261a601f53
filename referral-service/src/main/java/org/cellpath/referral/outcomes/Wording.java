package org.cellpath.referral.outcomes;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.cellpath.domain.InvalidValueException;
import org.jspecify.annotations.Nullable;

/**
 * The words of an instrument in one language, read from a properties file under {@code outcomes/}
 * named after both ({@code faos_en.properties}), one key per item and per worded option ({@link
 * Item#key()}, {@link Item#optionKey(int)}); each file names its source and version in its header.
 *
 * <p>Only wording taken from a named source is shipped (ADR 38). An instrument is refused in a
 * language it has no sourced wording for, with the reason, rather than shown in a translation of
 * our own: a questionnaire's scores are only comparable in its validated words.
 */
public final class Wording {

  /** The languages each instrument is shipped in; ADR 38 records why the others are not. */
  private static final Map<Instrument, Set<String>> SHIPPED =
      Map.of(
          Instrument.PAIN_NRS, Set.of("en"),
          Instrument.FAOS, Set.of("en"),
          Instrument.VISA_A, Set.of());

  private static final Map<Instrument, String> WHY_NOT =
      Map.of(
          Instrument.PAIN_NRS,
          "no Spanish wording of the pain NRS from a named source has been found",
          Instrument.FAOS,
          "the validated Spanish FAOS (FAOS-CL, Pellegrini et al. 2020) has not been obtained",
          Instrument.VISA_A,
          "the VISA-A's published wording and its terms of use have not been obtained");

  private final Instrument instrument;
  private final Locale language;
  private final Properties words;

  private Wording(Instrument instrument, Locale language, Properties words) {
    this.instrument = instrument;
    this.language = language;
    this.words = words;
  }

  /** Whether the instrument can be shown in this language. */
  public static boolean available(Instrument instrument, Locale language) {
    return SHIPPED.get(instrument).contains(language.getLanguage());
  }

  /**
   * The instrument's words in this language.
   *
   * @throws InvalidValueException on {@code language}, with the reason, when the instrument has no
   *     sourced wording in it (ADR 38)
   */
  public static Wording of(Instrument instrument, Locale language) {
    if (!available(instrument, language)) {
      throw new InvalidValueException(
          "language",
          instrument.displayName()
              + " is not available in "
              + language.getDisplayLanguage(Locale.ENGLISH)
              + ": "
              + whyNot(instrument, language)
              + " (ADR 38).");
    }
    return new Wording(instrument, language, load(resource(instrument, language)));
  }

  private static String whyNot(Instrument instrument, Locale language) {
    return Set.of("en", "es").contains(language.getLanguage())
        ? WHY_NOT.get(instrument)
        : "the clinic's patients are asked in English or Spanish";
  }

  static String resource(Instrument instrument, Locale language) {
    return "outcomes/" + instrument.bundleName() + "_" + language.getLanguage() + ".properties";
  }

  /** The question's words. */
  public String question(Item item) {
    return word(item.key());
  }

  /** The words of one of the item's answer options; only worded options have any. */
  public String option(Item item, int score) {
    if (!item.wordedScores().contains(score)) {
      throw new IllegalArgumentException(item.code() + " has no words for " + score);
    }
    return word(item.optionKey(score));
  }

  /** Any other text of the form (instructions, section headings), by key. */
  public String text(String key) {
    return word(key);
  }

  /** Text of the form that not every instrument has (an introduction, a title), or null. */
  public @Nullable String textIfAny(String key) {
    return words.getProperty(key);
  }

  private String word(String key) {
    String word = words.getProperty(key);
    if (word == null) {
      throw new IllegalStateException(
          resource(instrument, language) + " has no " + key + " (WordingTest checks every key)");
    }
    return word;
  }

  private static Properties load(String resource) {
    Properties properties = new Properties();
    try (InputStream in = Wording.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
