package org.cellpath.notification.sms;

import java.util.regex.Pattern;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.notification.delivery.DeliveryChannel;
import org.cellpath.notification.delivery.DeliveryException;
import org.cellpath.notification.delivery.FailureCode;
import org.cellpath.notification.delivery.OutgoingMessage;
import org.springframework.stereotype.Component;

/**
 * SMS through the provider of {@code cellpath.notifications.sms-provider}, behind {@link
 * SmsGateway}'s circuit breaker, bulkhead, retry and rate limiter. The text body is sent as is; the
 * subject is not sent.
 *
 * <p>What the dispatcher gets: a refusal that never reached the provider as a not-an-attempt code
 * ({@code CIRCUIT_OPEN}, {@code RATE_LIMITED}, {@code BULKHEAD_FULL}) with the time to hold the
 * message; a provider failure as its code, with the provider's {@code Retry-After} when it sent
 * one.
 */
@Component
class SmsChannel implements DeliveryChannel {

  /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private final SmsGateway gateway;
  private final SendsInDoubt attempts;

  SmsChannel(SmsGateway gateway, SendsInDoubt attempts) {
    this.gateway = gateway;
    this.attempts = attempts;
  }

  @Override
  public ContactChannel channel() {
    return ContactChannel.SMS;
  }

  @Override
  public void send(OutgoingMessage message) throws DeliveryException {
    if (message.address() == null || !E164.matcher(message.address()).matches()) {
      throw new DeliveryException(FailureCode.INVALID_ADDRESS, null);
    }
    // Committed before the call: should this instance die before the sending transaction commits,
    // the number's caps still count this SMS.
    attempts.beforeTheProvider(message.notificationId());
    try {
      gateway.submit(message.address(), message.textBody(), message.notificationId().toString());
    } catch (SmsRefusedException refused) {
      throw new DeliveryException(refused.code(), refused.holdFor(), refused);
    } catch (SmsProviderException failed) {
      throw new DeliveryException(failed.code(), failed.retryAfter(), failed);
    } finally {
      attempts.resolved(message.notificationId());
    }
  }
}
