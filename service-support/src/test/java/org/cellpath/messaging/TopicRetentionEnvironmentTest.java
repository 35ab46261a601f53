package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicRetentionEnvironmentTest {

  @Test
  void topicsKeepRecordsForeverUnlessARetentionIsSet() {
    assertThat(TopicRetentionEnvironment.retentionMs(null)).isEqualTo("-1");
    assertThat(TopicRetentionEnvironment.retentionMs("-1")).isEqualTo("-1");
    assertThat(new MessagingProperties(null, null, null, null, null, null).topicRetentionMs())
        .isEqualTo("-1");
  }

  @Test
  void aRetentionIsGivenAsADuration() {
    assertThat(TopicRetentionEnvironment.retentionMs("400d"))
        .isEqualTo(String.valueOf(Duration.ofDays(400).toMillis()));
    assertThat(TopicRetentionEnvironment.retentionMs("P30D")).isEqualTo("2592000000");
  }

  @Test
  void everyBindingsTopicsAndDeadLetterTopicsGetIt() {
    assertThat(TopicRetentionEnvironment.settings("30d"))
        .containsEntry(
            "spring.cloud.stream.kafka.default.consumer.topic.properties.retention.ms",
            "2592000000")
        .containsEntry(
            "spring.cloud.stream.kafka.default.consumer.dlq-producer-properties.topic.properties.retention.ms",
            "2592000000")
        .containsEntry(
            "spring.cloud.stream.kafka.default.producer.topic.properties.retention.ms",
            "2592000000");
  }

  @Test
  void theOutboxKeepsPublishedEventsFor400DaysByDefault() {
    assertThat(new MessagingProperties(null, null, null, null, null, null).outbox().retention())
        .isEqualTo(Duration.ofDays(400));
  }
}
