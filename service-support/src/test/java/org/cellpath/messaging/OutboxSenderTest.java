package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaOperations;

class OutboxSenderTest {

  private final List<String> calls = new ArrayList<>();

  @Test
  void aKeysNextEventIsSentOnlyAfterItsEarlierOneWasAcknowledged() {
    OutboxSender sender = new OutboxSender(broker("never"), "/test", EventTracing.NONE);

    OutboxSender.Result result =
        sender.send(
            List.of(event(1, "a"), event(2, "a"), event(3, "b"), event(4, "a")),
            Duration.ofSeconds(5));

    assertThat(result.acknowledged()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    assertThat(calls)
        .containsExactly("send 1", "send 3", "flush", "send 2", "flush", "send 4", "flush");
  }

  @Test
  void afterAFailureTheKeysLaterEventsAreNotSentWhileOtherKeysGoOn() {
    OutboxSender sender = new OutboxSender(broker("a"), "/test", EventTracing.NONE);

    OutboxSender.Result result =
        sender.send(
            List.of(event(1, "a"), event(2, "b"), event(3, "a"), event(4, "b")),
            Duration.ofSeconds(5));

    assertThat(result.acknowledged()).containsExactly(2L, 4L);
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.event().id()).isEqualTo(1L);
              assertThat(failure.reason()).isEqualTo("RecordTooLargeException");
              assertThat(failure.retriable()).isFalse();
            });
    assertThat(calls).doesNotContain("send 3");
  }

  @Test
  void anUnreachableBrokerIsARetriableFailure() {
    OutboxSender.Failure failure =
        new OutboxSender.Failure(event(1, "a"), new RuntimeException(new NetworkException("down")));

    assertThat(failure.retriable()).isTrue();
    assertThat(failure.reason()).isEqualTo("NetworkException");
  }

  /**
   * A broker that acknowledges everything except records whose key is {@code refusedKey}, which are
   * too large.
   */
  @SuppressWarnings("unchecked")
  private KafkaOperations<byte[], byte[]> broker(String refusedKey) {
    return (KafkaOperations<byte[], byte[]>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {KafkaOperations.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "send" -> {
                    ProducerRecord<byte[], byte[]> record =
                        (ProducerRecord<byte[], byte[]>) args[0];
                    calls.add("send " + new String(record.value(), StandardCharsets.UTF_8));
                    yield refusedKey.equals(new String(record.key(), StandardCharsets.UTF_8))
                        ? CompletableFuture.failedFuture(new RecordTooLargeException("too large"))
                        : CompletableFuture.completedFuture(null);
                  }
                  case "flush" -> {
                    calls.add("flush");
                    yield null;
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static PendingEvent event(long id, String key) {
    return new PendingEvent(
        id,
        "event-" + id,
        "topic",
        key,
        "ReferralAmended",
        String.valueOf(id),
        null,
        Instant.EPOCH,
        0);
  }
}
