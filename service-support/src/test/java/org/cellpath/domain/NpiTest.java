package org.cellpath.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NpiTest {

  @ParameterizedTest
  @ValueSource(strings = {"1234567893", "1245319599", "1003000126"})
  void acceptsTenDigitsWithTheCheckDigitOfThe80840Prefix(String npi) {
    assertThat(Npi.isValid(npi)).isTrue();
    assertThat(new Npi(npi).value()).isEqualTo(npi);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1234567890",
        "1234567894",
        "123456789",
        "12345678931",
        "12345G7893",
        " 1234567893"
      })
  void refusesAWrongCheckDigitLengthOrCharacter(String npi) {
    assertThat(Npi.isValid(npi)).isFalse();
    assertThatThrownBy(() -> new Npi(npi))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Npi.RULE)
        .message()
        .doesNotContain(npi.strip());
  }

  @ParameterizedTest
  @NullAndEmptySource
  void refusesNothing(String npi) {
    assertThat(Npi.isValid(npi)).isFalse();
    assertThatThrownBy(() -> new Npi(npi)).isInstanceOf(IllegalArgumentException.class);
  }
}
