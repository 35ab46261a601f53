package org.cellpath.referral.outcomes;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The items of each instrument, in questionnaire order, as their sources number and score them (ADR
 * 38 names the sources; docs/outcomes.md explains the scoring).
 */
final class Items {

  private static final List<Integer> ZERO_TO_FOUR = range(0, 4);
  private static final List<Integer> ZERO_TO_TEN = range(0, 10);
  private static final List<Integer> ENDS_OF_ZERO_TO_TEN = List.of(0, 10);

  /** The 11-point NRS: any whole number 0 to 10, worded only at its two ends (Farrar 2001). */
  private static final List<Item> NRS =
      List.of(new Item("PAIN", Subscale.NRS_PAIN, ZERO_TO_TEN, ENDS_OF_ZERO_TO_TEN, null));

  /**
   * The FAOS, in the order of its English form: Symptoms S1-S7, Pain P1-P9, ADL A1-A17, Sport/Rec
   * SP1-SP5, QOL Q1-Q4; every item has five worded options scored 0 (no problems) to 4 (extreme).
   */
  private static final List<Item> FAOS = faos();

  /**
   * The VISA-A (Robinson et al. 2001): questions 1 to 6 are 0-10 scales worded at their ends;
   * question 7 has four options scored 0, 4, 7, 10; question 8 is one of three alternatives by
   * whether Achilles pain comes with, or stops, loading sport (A: none, up to 30 points; B: pain
   * that does not stop it, up to 20; C: pain that stops it, up to 10), each scored by how long the
   * patient can train.
   */
  private static final List<Item> VISA_A =
      List.of(
          visaScale("1"),
          visaScale("2"),
          visaScale("3"),
          visaScale("4"),
          visaScale("5"),
          visaScale("6"),
          visaChoice("7", List.of(0, 4, 7, 10), null),
          visaChoice("8A", List.of(0, 7, 14, 21, 30), "8"),
          visaChoice("8B", List.of(0, 4, 10, 14, 20), "8"),
          visaChoice("8C", List.of(0, 2, 5, 7, 10), "8"));

  private Items() {}

  static List<Item> of(Instrument instrument) {
    return switch (instrument) {
      case PAIN_NRS -> NRS;
      case FAOS -> FAOS;
      case VISA_A -> VISA_A;
    };
  }

  private static List<Item> faos() {
    List<Item> items = new ArrayList<>();
    faos(items, "S", 7, Subscale.FAOS_SYMPTOMS);
    faos(items, "P", 9, Subscale.FAOS_PAIN);
    faos(items, "A", 17, Subscale.FAOS_ADL);
    faos(items, "SP", 5, Subscale.FAOS_SPORT_REC);
    faos(items, "Q", 4, Subscale.FAOS_QOL);
    return List.copyOf(items);
  }

  private static void faos(List<Item> items, String prefix, int count, Subscale subscale) {
    for (int number = 1; number <= count; number++) {
      items.add(new Item(prefix + number, subscale, ZERO_TO_FOUR, ZERO_TO_FOUR, null));
    }
  }

  private static Item visaScale(String code) {
    return new Item(code, Subscale.VISA_A_TOTAL, ZERO_TO_TEN, ENDS_OF_ZERO_TO_TEN, null);
  }

  private static Item visaChoice(String code, List<Integer> scores, @Nullable String group) {
    return new Item(code, Subscale.VISA_A_TOTAL, scores, scores, group);
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().toList();
  }
}
