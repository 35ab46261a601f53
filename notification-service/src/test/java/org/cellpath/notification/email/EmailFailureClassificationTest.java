package org.cellpath.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.cellpath.notification.delivery.FailureCode;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

class EmailFailureClassificationTest {

  @Test
  void anUnreachableServerIsRetried() {
    MessagingException failure =
        new MailConnectException(
            new SocketConnectException(
                "Connection refused",
                new ConnectException("Connection refused"),
                "localhost",
                2525,
                5000));
    assertThat(EmailChannel.classify(failure)).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    assertThat(FailureCode.PROVIDER_UNAVAILABLE.retryable()).isTrue();
  }

  @Test
  void aTimeoutWhileSendingIsRetried() {
    MessagingException failure =
        new MessagingException("Exception reading response", new SocketTimeoutException());
    assertThat(EmailChannel.classify(failure)).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void aServerThatClosedTheConnectionIsUnavailableAndTheConnectionLost() {
    MessagingException endOfStream = new MessagingException("[EOF]");
    MessagingException closing =
        new MessagingException("421 Service shutting down, closing transmission channel");
    assertThat(EmailChannel.classify(endOfStream)).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    assertThat(EmailChannel.classify(closing)).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    assertThat(SmtpConnections.connectionLost(endOfStream)).isTrue();
    assertThat(SmtpConnections.connectionLost(closing)).isTrue();
    assertThat(SmtpConnections.connectionLost(new MessagingException("451 try later"))).isFalse();
  }

  @Test
  void aRecipientRefusedForGoodIsNotRetried() throws AddressException {
    SendFailedException refused =
        new SendFailedException(
            "Invalid Addresses",
            null,
            new InternetAddress[0],
            new InternetAddress[0],
            new InternetAddress[] {new InternetAddress("nobody@example.org")});
    assertThat(EmailChannel.classify(refused)).isEqualTo(FailureCode.RECIPIENT_REJECTED);
    assertThat(FailureCode.RECIPIENT_REJECTED.retryable()).isFalse();
  }

  @Test
  void aRecipientRefusedForNowIsRetried() throws AddressException {
    SendFailedException later =
        new SendFailedException(
            "451 try later",
            null,
            new InternetAddress[0],
            new InternetAddress[] {new InternetAddress("ana@example.org")},
            new InternetAddress[0]);
    assertThat(EmailChannel.classify(later)).isEqualTo(FailureCode.PROVIDER_ERROR);
  }

  @Test
  void refusedCredentialsAreRetriedUntilTheConfigurationIsFixed() {
    assertThat(
            EmailChannel.classify(new AuthenticationFailedException("535 Authentication failed")))
        .isEqualTo(FailureCode.PROVIDER_AUTH_FAILED);
  }

  @Test
  void aMalformedAddressIsFinal() {
    MessagingException failure =
        new MessagingException("Illegal address", new AddressException("Missing final '@domain'"));
    assertThat(EmailChannel.classify(failure)).isEqualTo(FailureCode.INVALID_ADDRESS);
  }

  @Test
  void anythingElseIsAProviderErrorWorthRetrying() {
    assertThat(EmailChannel.classify(new MessagingException("451 try later")))
        .isEqualTo(FailureCode.PROVIDER_ERROR);
    assertThat(FailureCode.PROVIDER_ERROR.retryable()).isTrue();
  }
}
