package org.cellpath.messaging.operations;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;

/**
 * Compares, when partitions are assigned to a binding's consumer and before it fetches, the group's
 * committed offset with each partition's log start offset. Below it, the consumer is about to reset
 * to the earliest record left ({@code auto.offset.reset=earliest}) and skip what retention deleted:
 * that is reported as a gap. This is the one moment the evidence is certain to be there; once the
 * consumer has committed past the log start it is gone.
 */
final class GapCheckOnAssignment implements KafkaBindingRebalanceListener {

  private static final Logger log = LoggerFactory.getLogger(GapCheckOnAssignment.class);

  private final ConsumerGaps gaps;
  private final Duration timeout;

  GapCheckOnAssignment(ConsumerGaps gaps, Duration timeout) {
    this.gaps = gaps;
    this.timeout = timeout;
  }

  @Override
  public void onPartitionsAssigned(
      String bindingName,
      Consumer<?, ?> consumer,
      Collection<TopicPartition> partitions,
      boolean initial) {
    if (partitions.isEmpty()) {
      return;
    }
    try {
      Set<TopicPartition> assigned = Set.copyOf(partitions);
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, timeout);
      Map<TopicPartition, Long> logStart = consumer.beginningOffsets(assigned, timeout);
      String group = consumer.groupMetadata().groupId();
      for (TopicPartition partition : assigned) {
        OffsetAndMetadata offset = committed.get(partition);
        Long start = logStart.get(partition);
        if (offset != null && start != null && offset.offset() < start) {
          gaps.found(
              bindingName,
              group,
              partition.topic(),
              partition.partition(),
              offset.offset(),
              start,
              "assignment");
        }
      }
    } catch (RuntimeException e) {
      // Never hold up the assignment: the periodic check still looks.
      log.warn(
          "Gap check of binding {} on partition assignment failed ({})",
          bindingName,
          e.getClass().getName());
    }
  }
}
