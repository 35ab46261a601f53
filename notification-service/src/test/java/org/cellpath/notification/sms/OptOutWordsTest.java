package org.cellpath.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutWordsTest {

  @ParameterizedTest(name = "\"{0}\" opts out")
  @ValueSource(
      strings = {
        "stop",
        "STOP",
        "Stop",
        "  stop  ",
        "\tStop\n",
        "quit",
        "END",
        "revoke",
        "opt out",
        "Opt Out",
        "OPT  OUT",
        " opt out ",
        "cancel",
        "CANCEL",
        "unsubscribe",
        "Unsubscribe",
        "stop.",
        "STOP!"
      })
  void theOptOutWordsInAnyCaseWithSurroundingSpaces(String reply) {
    assertThat(OptOutWords.isOptOut(reply)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\" does not opt out")
  @ValueSource(
      strings = {
        "",
        "   ",
        "yes",
        "please don't stop",
        "stopping",
        "C",
        "thanks, see you then",
        "cancel my appointment",
        "endless"
      })
  void anyOtherReplyDoesNot(String reply) {
    assertThat(OptOutWords.isOptOut(reply)).isFalse();
  }
}
