package org.cellpath.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Moves retries and dead-lettering from the binder into the listener container, where CellPath can
 * decide how:
 *
 * <ul>
 *   <li>an unreadable or rejected record goes to the dead-letter topic at once;
 *   <li>an outage of the database is waited out with capped exponential pauses, without limit, so
 *       that healthy records never reach the dead-letter topic because of it (the partition holds
 *       still meanwhile);
 *   <li>any other failure is retried with the binding's back-off ({@code max-attempts}, {@code
 *       back-off-*}), then dead-lettered.
 * </ul>
 *
 * The dead-letter record keeps the original payload and envelope headers; the exception headers
 * carry the class name, a message only when it is {@link SafeToLog}, and stack frames without
 * message text. A binding without a dead-letter topic is refused at start-up: after its retries the
 * binder would otherwise skip the record.
 */
final class DeadLetterCustomizer implements ListenerContainerWithDlqAndRetryCustomizer {

  private final KafkaOperations<byte[], byte[]> kafka;
  private final MessagingProperties.Consumer settings;

  DeadLetterCustomizer(
      KafkaOperations<byte[], byte[]> kafka, MessagingProperties.Consumer settings) {
    this.kafka = kafka;
    this.settings = settings;
  }

  @Override
  public void configure(
      AbstractMessageListenerContainer<?, ?> container,
      String destinationName,
      String group,
      BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
      BackOff backOff) {
    if (dlqDestinationResolver == null) {
      throw new IllegalStateException(
          "Consumer binding of "
              + destinationName
              + " (group "
              + group
              + ") has no dead-letter topic: set enable-dlq and dlq-name");
    }
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(kafka, dlqDestinationResolver);
    recoverer.setExceptionHeadersCreator(DeadLetterCustomizer::safeExceptionHeaders);
    recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(30));
    DefaultErrorHandler errorHandler =
        new DefaultErrorHandler(recoverer, backOff != null ? backOff : new FixedBackOff(0, 0));
    errorHandler.setBackOffFunction(this::backOffFor);
    container.setCommonErrorHandler(errorHandler);
  }

  @Override
  public boolean retryAndDlqInBinding(String destinationName, String group) {
    return false;
  }

  private BackOff backOffFor(ConsumerRecord<?, ?> record, Exception failure) {
    if (Failures.isPermanent(failure)) {
      return new FixedBackOff(0, 0);
    }
    if (Failures.isOutage(failure)) {
      ExponentialBackOff untilBack =
          new ExponentialBackOff(settings.outageBackOffInitial().toMillis(), 2.0);
      untilBack.setMaxInterval(settings.outageBackOffMax().toMillis());
      return untilBack;
    }
    return null; // the binding's bounded back-off
  }

  private static void safeExceptionHeaders(
      Headers headers,
      Exception failure,
      boolean isKey,
      DeadLetterPublishingRecoverer.HeaderNames names) {
    DeadLetterPublishingRecoverer.HeaderNames.ExceptionInfo info = names.getExceptionInfo();
    Throwable root = Failures.rootCause(failure);
    headers.add(
        isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(),
        bytes(root.getClass().getName()));
    headers.add(
        isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(),
        bytes(Failures.safeMessage(failure)));
    headers.add(
        isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(),
        bytes(Failures.safeStackTrace(failure)));
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
