package org.cellpath.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ana.rivera@example.org",
        "lee@bayview.example",
        "kim@podiatry.example",
        "first.last+tag@sub.example.co.uk",
        "o'brien@example.ie",
        "user@localhost",
        "x@[192.168.0.1]",
        "a-b_c@a-b.example"
      })
  void acceptsWellFormedAddresses(String email) {
    assertThat(EmailAddress.isValid(email)).isTrue();
    assertThat(new EmailAddress(email).value()).isEqualTo(email);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ana.rivera@@example",
        "lee at bayview",
        "@example.org",
        "ana@",
        "ana",
        "ana..rivera@example.org",
        ".ana@example.org",
        "ana.@example.org",
        "ana@-example.org",
        "ana@example-.org",
        "ana@exa mple.org",
        "ana@example..org"
      })
  void refusesMalformedAddresses(String email) {
    assertThat(EmailAddress.isValid(email)).isFalse();
    assertThatThrownBy(() -> new EmailAddress(email))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(EmailAddress.RULE);
  }

  @Test
  void refusesAnAddressLongerThanAMailPathCarries() {
    String longest =
        "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
    assertThat(longest).hasSize(EmailAddress.MAX_LENGTH);
    assertThat(EmailAddress.isValid(longest)).isTrue();
    assertThat(EmailAddress.isValid("a" + longest)).isFalse();
    assertThat(EmailAddress.isValid("a".repeat(65) + "@example.org"))
        .as("local part over 64")
        .isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void refusesNothing(String email) {
    assertThat(EmailAddress.isValid(email)).isFalse();
  }
}
