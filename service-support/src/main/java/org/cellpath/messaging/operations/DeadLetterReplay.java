package org.cellpath.messaging.operations;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.cellpath.contracts.EventHeaders;
import org.cellpath.messaging.InboxConsumer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Lists a binding's dead-letter topic and replays chosen records through the binding's own consumer
 * (the {@link InboxConsumer} bean the binding calls), in this process. The inbox makes a record
 * that was handled before a no-op. Nothing is ever written to Kafka: a record that fails again
 * stays where it is, with its first reason, and is not dead-lettered a second time; a record that
 * succeeds stays too (a topic cannot lose one record), and its inbox row is what says it was
 * handled.
 */
final class DeadLetterReplay {

  private static final String DEAD_LETTER_HEADERS = "kafka_dlt-";

  private final ConsumerBindings bindings;
  private final DeadLetterReader reader;
  private final Function<String, Object> beans;

  DeadLetterReplay(ConsumerBindings bindings, DeadLetterReader reader, BeanFactory beans) {
    this(bindings, reader, name -> beans.containsBean(name) ? beans.getBean(name) : null);
  }

  DeadLetterReplay(
      ConsumerBindings bindings, DeadLetterReader reader, Function<String, Object> beans) {
    this.bindings = bindings;
    this.reader = reader;
    this.beans = beans;
  }

  /**
   * One dead-lettered record as an operator may see it: ids, kinds, positions and the reason the
   * recoverer wrote (class name, and a message only when it is known to hold no patient data).
   * Never the payload.
   *
   * @param alreadyHandled the binding's consumer has the event in its inbox (handled since, by a
   *     replay or a redelivery)
   */
  record DeadLetter(
      String eventId,
      String type,
      String originalTopic,
      Integer originalPartition,
      Long originalOffset,
      int deadLetterPartition,
      long deadLetterOffset,
      Instant deadLetteredAt,
      String exceptionClass,
      String reason,
      boolean alreadyHandled) {}

  /**
   * What a replay did with one record; {@code failure} is the class name of what the handler threw.
   */
  record Replayed(
      String eventId,
      String type,
      int deadLetterPartition,
      long deadLetterOffset,
      Outcome outcome,
      String failure) {}

  enum Outcome {
    HANDLED,
    DUPLICATE,
    SKIPPED,
    FAILED
  }

  /** The records of a binding's dead-letter topic, all or those with the given {@code ce_id}s. */
  record Selection(
      ConsumerBinding binding,
      List<ConsumerRecord<byte[], byte[]>> records,
      List<String> notFound) {}

  Optional<ConsumerBinding> binding(String nameOrDeadLetterTopic) {
    return bindings.find(nameOrDeadLetterTopic);
  }

  /** The binding's consumer, if it is an inbox consumer (only those can be replayed into). */
  Optional<InboxConsumer> consumer(ConsumerBinding binding) {
    return beans.apply(binding.function()) instanceof InboxConsumer consumer
        ? Optional.of(consumer)
        : Optional.empty();
  }

  /**
   * Reads the dead-letter topic and keeps the chosen records.
   *
   * @param eventIds the {@code ce_id}s to keep; empty keeps every record
   */
  Selection select(ConsumerBinding binding, Set<String> eventIds) {
    List<ConsumerRecord<byte[], byte[]>> all = reader.readAll(binding.deadLetterTopic());
    if (eventIds.isEmpty()) {
      return new Selection(binding, all, List.of());
    }
    List<ConsumerRecord<byte[], byte[]>> chosen =
        all.stream().filter(record -> eventIds.contains(header(record, EventHeaders.ID))).toList();
    Set<String> found = new LinkedHashSet<>();
    chosen.forEach(record -> found.add(header(record, EventHeaders.ID)));
    return new Selection(
        binding, chosen, eventIds.stream().filter(id -> !found.contains(id)).toList());
  }

  /** The selection as a listing; reads the inbox, changes nothing. */
  List<DeadLetter> list(Selection selection, Optional<InboxConsumer> consumer) {
    Set<UUID> handled =
        consumer
            .map(
                inbox ->
                    inbox.handledAmong(
                        selection.records().stream()
                            .map(record -> uuid(header(record, EventHeaders.ID)))
                            .flatMap(Optional::stream)
                            .toList()))
            .orElse(Set.of());
    return selection.records().stream()
        .map(
            record ->
                new DeadLetter(
                    header(record, EventHeaders.ID),
                    header(record, EventHeaders.TYPE),
                    header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                    intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                    longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                    record.partition(),
                    record.offset(),
                    Instant.ofEpochMilli(record.timestamp()),
                    header(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
                    header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                    uuid(header(record, EventHeaders.ID)).map(handled::contains).orElse(false)))
        .toList();
  }

  /**
   * Hands each selected record, with its original headers and payload, to the binding's consumer,
   * in order.
   */
  List<Replayed> replay(Selection selection, InboxConsumer consumer) {
    List<Replayed> results = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : selection.records()) {
      Outcome outcome;
      String failure = null;
      try {
        outcome =
            switch (consumer.handle(message(record))) {
              case HANDLED -> Outcome.HANDLED;
              case DUPLICATE -> Outcome.DUPLICATE;
              case SKIPPED -> Outcome.SKIPPED;
            };
      } catch (RuntimeException e) {
        outcome = Outcome.FAILED;
        failure = rootCause(e).getClass().getName();
      }
      results.add(
          new Replayed(
              header(record, EventHeaders.ID),
              header(record, EventHeaders.TYPE),
              record.partition(),
              record.offset(),
              outcome,
              failure));
    }
    return results;
  }

  /**
   * The record as the binding received it: the original headers (not the recoverer's), key, topic
   * and position.
   */
  static Message<byte[]> message(ConsumerRecord<byte[], byte[]> record) {
    MessageBuilder<byte[]> message =
        MessageBuilder.withPayload(record.value() == null ? new byte[0] : record.value());
    for (Header header : record.headers()) {
      if (!header.key().startsWith(DEAD_LETTER_HEADERS)) {
        message.setHeader(header.key(), header.value());
      }
    }
    String originalTopic = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
    message.setHeader(
        KafkaHeaders.RECEIVED_TOPIC, originalTopic != null ? originalTopic : record.topic());
    Integer partition = intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION);
    if (partition != null) {
      message.setHeader(KafkaHeaders.RECEIVED_PARTITION, partition);
    }
    Long offset = longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET);
    if (offset != null) {
      message.setHeader(KafkaHeaders.OFFSET, offset);
    }
    if (record.key() != null) {
      message.setHeader(KafkaHeaders.RECEIVED_KEY, record.key());
    }
    return message.build();
  }

  static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Integer intHeader(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null || header.value().length != Integer.BYTES
        ? null
        : ByteBuffer.wrap(header.value()).getInt();
  }

  private static Long longHeader(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null || header.value().length != Long.BYTES
        ? null
        : ByteBuffer.wrap(header.value()).getLong();
  }

  private static Optional<UUID> uuid(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException notAUuid) {
      return Optional.empty();
    }
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
