package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.cellpath.contracts.ContactChannel;
import org.junit.jupiter.api.Test;

class AddressMaskTest {

  @Test
  void keepsTheFirstCharacterAndTheDomainOfAnEmail() {
    assertThat(AddressMask.mask(ContactChannel.EMAIL, "ana.rivera@example.org"))
        .isEqualTo("a***@example.org");
  }

  @Test
  void hidesTheLengthOfTheLocalPart() {
    assertThat(AddressMask.mask(ContactChannel.EMAIL, "a@example.org"))
        .isEqualTo(AddressMask.mask(ContactChannel.EMAIL, "abcdefghij@example.org"));
  }

  @Test
  void keepsAWholeCharacterWhenTheAddressStartsOutsideTheBasicPlane() {
    assertThat(AddressMask.mask(ContactChannel.EMAIL, "\uD83D\uDE00smile@example.org"))
        .isEqualTo("\uD83D\uDE00***@example.org");
  }

  @Test
  void hidesAnAddressThatIsNotAnEmailEntirely() {
    assertThat(AddressMask.mask(ContactChannel.EMAIL, "not-an-address")).isEqualTo("***");
    assertThat(AddressMask.mask(ContactChannel.EMAIL, "@example.org")).isEqualTo("***");
    assertThat(AddressMask.mask(ContactChannel.EMAIL, "ana@")).isEqualTo("***");
  }

  @Test
  void keepsTheLastTwoDigitsOfAPhoneNumber() {
    assertThat(AddressMask.mask(ContactChannel.SMS, "+13105550123")).isEqualTo("+*********23");
  }

  @Test
  void hasNothingToMaskWithoutAnAddress() {
    assertThat(AddressMask.mask(ContactChannel.EMAIL, null)).isNull();
    assertThat(AddressMask.mask(ContactChannel.EMAIL, " ")).isNull();
  }
}
