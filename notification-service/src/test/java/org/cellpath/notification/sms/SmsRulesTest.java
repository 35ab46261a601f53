package org.cellpath.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.sms.SmsRules.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsRulesTest {

  private static final String CLINIC = "Harbor Foot Clinic";
  private static final String PHONE = "+1 555 010 0199";
  private static final String GOOD =
      "Harbor Foot Clinic: see you tomorrow, Tue, Mar 10 at 10:00 AM. Questions? Call +1 555 010 0199. "
          + "Reply STOP to opt out";

  private final SmsRules rules =
      new SmsRules(new ClinicProperties(CLINIC, PHONE, ZoneId.of("America/Los_Angeles")));

  @Test
  void aTextWithTheClinicItsPhoneAndTheOptOutEndingWithinTheLengthPasses() {
    assertThat(rules.brokenRules(GOOD)).isEmpty();
    assertThat(rules.requireValid(GOOD)).isEqualTo(GOOD);
  }

  @Test
  void catchesATextLongerThan160Characters() {
    String padded =
        GOOD.replace("see you tomorrow", "see you tomorrow" + " ".repeat(160 - GOOD.length() + 1));

    assertThat(padded).hasSize(161);
    assertThat(rules.brokenRules(padded)).containsExactly(Rule.TOO_LONG);
    assertThat(rules.brokenRules(padded.replaceFirst(" {2}", " "))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tendon",
        "Achilles",
        "ligament",
        "osteoarthritis",
        "fracture",
        "stem cells",
        "cell",
        "bone marrow",
        "fat",
        "harvest",
        "injection",
        "procedure",
        "therapy",
        "surgery",
        "sedation",
        "tendón",
        "ligamento",
        "artrosis",
        "fractura",
        "células madre",
        "médula",
        "grasa",
        "extracción",
        "inyección",
        "procedimiento",
        "terapia",
        "cirugía"
      })
  void catchesAForbiddenWordInEnglishOrSpanish(String word) {
    String text = GOOD.replace("see you tomorrow", "your " + word + " visit is tomorrow");

    assertThat(rules.brokenRules(text)).containsExactly(Rule.FORBIDDEN_WORD);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "TENDON",
        "Tendon",
        "tendon",
        "TENDÓN",
        "Células",
        "celulas",
        "CELULAS",
        "INYECCION",
        "Cirugia",
        "MEDULA",
        "Stem  Cell"
      })
  void catchesForbiddenWordsWhateverTheirCaseAndAccents(String word) {
    assertThat(rules.brokenRules(GOOD.replace("see you", word + " see you")))
        .containsExactly(Rule.FORBIDDEN_WORD);
  }

  @Test
  void matchesWholeWordsOnlySoAWordThatMerelyContainsOneIsFine() {
    String text =
        GOOD.replace("see you tomorrow", "CellPath Fatima Cells-free Harvestmoon celebrates you");

    assertThat(rules.forbiddenWordsIn(text)).containsExactly("cells");
    assertThat(rules.forbiddenWordsIn("CellPath, Fatima Street, Harvestmoon Plaza, Celula2"))
        .isEmpty();
  }

  @Test
  void namesTheForbiddenWordsWithoutAccents() {
    assertThat(rules.forbiddenWordsIn("Su inyección de células madre"))
        .containsExactly("inyeccion", "celulas madre");
  }

  @Test
  void catchesATextThatDoesNotNameTheClinic() {
    assertThat(rules.brokenRules(GOOD.replace(CLINIC, "Your clinic")))
        .containsExactly(Rule.NO_CLINIC_NAME);
  }

  @Test
  void catchesATextWithoutTheClinicsPhone() {
    assertThat(rules.brokenRules(GOOD.replace(PHONE, "us"))).containsExactly(Rule.NO_CLINIC_PHONE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Reply STOP to opt out.",
        "Reply stop to opt out",
        "Responda STOP para darse de baja",
        "Reply STOP to opt out "
      })
  void catchesATextThatDoesNotEndWithTheExactOptOutPhrase(String ending) {
    assertThat(rules.brokenRules(GOOD.replace(SmsRules.OPT_OUT, ending)))
        .containsExactly(Rule.NO_OPT_OUT_ENDING);
  }

  @Test
  void reportsEveryBrokenRuleAndThrowsWithoutQuotingTheText() {
    String text = "Your tendon visit is on Tue, Mar 10 at 10:00 AM. Ana Rivera, call us.";

    assertThat(rules.brokenRules(text))
        .containsExactly(
            Rule.FORBIDDEN_WORD, Rule.NO_CLINIC_NAME, Rule.NO_CLINIC_PHONE, Rule.NO_OPT_OUT_ENDING);
    assertThatThrownBy(() -> rules.requireValid(text))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Rule.FORBIDDEN_WORD.description())
        .hasMessageContaining(Rule.NO_OPT_OUT_ENDING.description())
        .message()
        .doesNotContain("Ana")
        .doesNotContain("tendon");
  }

  @Test
  void tellsWhetherATextStaysInTheGsm7Alphabet() {
    assertThat(SmsRules.isGsm7("le esperamos mañana, ¿dudas? café")).isTrue();
    assertThat(SmsRules.isGsm7("su cita es en 3 días")).isFalse();
    assertThat(SmsRules.isGsm7("10:00\u00A0a.\u00A0m."))
        .as("no-break spaces are not GSM-7")
        .isFalse();
  }
}
