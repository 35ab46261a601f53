package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

class EmailFailureClassificationTest {

  @Test
  void anUnreachableServerIsRetried() {
    MailSendException failure = new MailSendException("Mail server connection failed",
        new MessagingException("Could not connect", new ConnectException("Connection refused")));
    assertThat(EmailChannel.classify(failure)).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    assertThat(FailureCode.PROVIDER_UNAVAILABLE.retryable()).isTrue();
  }

  @Test
  void aTimeoutWhileSendingIsRetried() {
    MailSendException failure = new MailSendException(
        Map.of(new Object(), new MessagingException("Exception reading response", new SocketTimeoutException())));
    assertThat(EmailChannel.classify(failure)).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void aRecipientRefusedForGoodIsNotRetried() throws AddressException {
    SendFailedException refused = new SendFailedException("Invalid Addresses", null, new InternetAddress[0],
        new InternetAddress[0], new InternetAddress[] {new InternetAddress("nobody@example.org")});
    MailSendException failure = new MailSendException(Map.of(new Object(), refused));
    assertThat(EmailChannel.classify(failure)).isEqualTo(FailureCode.RECIPIENT_REJECTED);
    assertThat(FailureCode.RECIPIENT_REJECTED.retryable()).isFalse();
  }

  @Test
  void refusedCredentialsAreRetriedUntilTheConfigurationIsFixed() {
    assertThat(EmailChannel.classify(new MailAuthenticationException("535 Authentication failed")))
        .isEqualTo(FailureCode.PROVIDER_AUTH_FAILED);
  }

  @Test
  void anythingElseIsAProviderErrorWorthRetrying() {
    assertThat(EmailChannel.classify(new MailSendException("451 try later"))).isEqualTo(FailureCode.PROVIDER_ERROR);
    assertThat(FailureCode.PROVIDER_ERROR.retryable()).isTrue();
  }
}
