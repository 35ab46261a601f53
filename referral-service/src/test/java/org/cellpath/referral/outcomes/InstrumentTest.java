package org.cellpath.referral.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import org.cellpath.referral.referral.Condition;
import org.junit.jupiter.api.Test;

class InstrumentTest {

  @Test
  void theFaosHasFortyTwoItemsInItsFiveSubscalesAsDomainSectionNineSays() {
    assertThat(Instrument.FAOS.items()).hasSize(42);
    assertThat(Subscale.FAOS_PAIN.items()).hasSize(9);
    assertThat(Subscale.FAOS_SYMPTOMS.items()).hasSize(7);
    assertThat(Subscale.FAOS_ADL.items()).hasSize(17);
    assertThat(Subscale.FAOS_SPORT_REC.items()).hasSize(5);
    assertThat(Subscale.FAOS_QOL.items()).hasSize(4);
    assertThat(Instrument.FAOS.items())
        .allSatisfy(item -> assertThat(item.scores()).containsExactly(0, 1, 2, 3, 4));
  }

  @Test
  void theNrsIsOneItemFromZeroToTen() {
    assertThat(Instrument.PAIN_NRS.items())
        .singleElement()
        .satisfies(item -> assertThat(item.scores()).hasSize(11).startsWith(0).endsWith(10));
  }

  @Test
  void theVisaAHasEightQuestionsTheLastOfThemInThreeAlternatives() {
    assertThat(Instrument.VISA_A.items())
        .extracting(Item::code)
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8A", "8B", "8C");
    assertThat(Instrument.VISA_A.items())
        .filteredOn(item -> "8".equals(item.exclusiveGroup()))
        .hasSize(3);
  }

  @Test
  void everyCaseIsAskedTheNrsAndTheFaosAndOnlyAchillesCasesTheVisaA() {
    assertThat(Instrument.forCondition(Condition.ACHILLES_TENDON_INJURY))
        .containsExactly(Instrument.PAIN_NRS, Instrument.FAOS, Instrument.VISA_A);
    for (Condition condition : Condition.values()) {
      if (condition != Condition.ACHILLES_TENDON_INJURY) {
        assertThat(Instrument.forCondition(condition))
            .as(condition.name())
            .containsExactly(Instrument.PAIN_NRS, Instrument.FAOS);
      }
    }
  }
}
