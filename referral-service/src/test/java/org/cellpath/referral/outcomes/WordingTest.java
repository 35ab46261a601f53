package org.cellpath.referral.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cellpath.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

class WordingTest {

  private static final Locale SPANISH = Locale.forLanguageTag("es");

  @Test
  void everyShippedBundleWordsEveryItemAndEveryWordedOption() {
    List<String> missing = new ArrayList<>();
    int bundles = 0;
    for (Instrument instrument : Instrument.values()) {
      for (Locale language : List.of(Locale.ENGLISH, SPANISH)) {
        if (!Wording.available(instrument, language)) {
          continue;
        }
        bundles++;
        Wording wording = Wording.of(instrument, language);
        for (Item item : instrument.items()) {
          collect(missing, instrument, language, () -> wording.question(item));
          for (int score : item.wordedScores()) {
            collect(missing, instrument, language, () -> wording.option(item, score));
          }
        }
      }
    }

    assertThat(bundles).isEqualTo(2);
    assertThat(missing).isEmpty();
  }

  @Test
  void wordsTheFaosAsItsEnglishFormDoes() {
    Wording faos = Wording.of(Instrument.FAOS, Locale.ENGLISH);
    Item p1 = Subscale.FAOS_PAIN.items().get(0);
    Item s4 = Subscale.FAOS_SYMPTOMS.items().get(3);

    assertThat(faos.question(p1)).isEqualTo("How often do you experience foot/ankle pain?");
    assertThat(faos.option(p1, 4)).isEqualTo("Always");
    // S4 and S5 are asked the other way round: "Always" is no problem, scored 0
    assertThat(faos.option(s4, 0)).isEqualTo("Always");
    assertThat(faos.option(s4, 4)).isEqualTo("Never");
  }

  @Test
  void namesItsSourceInTheHeaderOfEveryShippedBundle() throws IOException {
    for (Instrument instrument : Instrument.values()) {
      if (Wording.available(instrument, Locale.ENGLISH)) {
        String resource = Wording.resource(instrument, Locale.ENGLISH);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
          assertThat(in).as(resource).isNotNull();
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          assertThat(text)
              .as(resource)
              .startsWith("#")
              .contains("Source", "docs/adr/0038-outcome-instruments-sources-and-terms.md");
        }
      }
    }
  }

  @Test
  void refusesTheFaosInSpanishSayingWhy() {
    assertThatThrownBy(() -> Wording.of(Instrument.FAOS, SPANISH))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        problem -> {
                          assertThat(problem.field()).isEqualTo("language");
                          assertThat(problem.message())
                              .startsWith("FAOS is not available in Spanish: ")
                              .contains("FAOS-CL")
                              .endsWith("(ADR 38).");
                        }));
  }

  @Test
  void refusesTheVisaAInEveryLanguageAndTheNrsInSpanish() {
    assertThat(Wording.available(Instrument.VISA_A, Locale.ENGLISH)).isFalse();
    assertThat(Wording.available(Instrument.VISA_A, SPANISH)).isFalse();
    assertThat(Wording.available(Instrument.PAIN_NRS, SPANISH)).isFalse();
    assertThatThrownBy(() -> Wording.of(Instrument.VISA_A, Locale.ENGLISH))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("1 invalid field");
  }

  @Test
  void refusesALanguageThePatientsAreNotAskedIn() {
    assertThatThrownBy(() -> Wording.of(Instrument.FAOS, Locale.FRENCH))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.problems().get(0).message())
                    .isEqualTo(
                        "FAOS is not available in French: the clinic's patients are asked in"
                            + " English or Spanish (ADR 38)."));
  }

  private static void collect(
      List<String> missing, Instrument instrument, Locale language, Runnable read) {
    try {
      read.run();
    } catch (IllegalStateException e) {
      missing.add(instrument + "/" + language + ": " + e.getMessage());
    }
  }
}
