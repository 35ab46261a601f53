package org.cellpath.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"+14155550123", "+14155550999", "+12345678", "+491234567890123", "+525512345678"})
  void acceptsE164NumbersOfEightToFifteenDigits(String phone) {
    assertThat(PhoneNumber.isValid(phone)).isTrue();
    assertThat(new PhoneNumber(phone).value()).isEqualTo(phone);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "415-555-0123",
        "(415) 555-0999",
        "555-0123",
        "14155550123",
        "+04155550123",
        "+1234567",
        "+4912345678901234",
        "+1 415 555 0123",
        "+1415555012a"
      })
  void refusesLocalFormatsPunctuationAndWrongLengths(String phone) {
    assertThat(PhoneNumber.isValid(phone)).isFalse();
    assertThatThrownBy(() -> new PhoneNumber(phone))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(PhoneNumber.RULE);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void refusesNothing(String phone) {
    assertThat(PhoneNumber.isValid(phone)).isFalse();
  }
}
