package org.cellpath.messaging.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last lag read for each binding: the records its group has yet to read (end offset minus
 * committed offset, or minus the log start offset where nothing is committed or the committed
 * offset is below it), summed over the partitions. Published as the gauge {@code
 * cellpath.consumer.lag{binding,group,topic}}; a binding whose lag has stayed above the threshold
 * for the whole duration is {@link #lagging lagging}.
 */
final class ConsumerLag {

  private final MeterRegistry meters;
  private final Clock clock;
  private final long threshold;
  private final Duration duration;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Map<String, Reading> byBinding = new ConcurrentHashMap<>();
  private volatile Instant readAt;

  ConsumerLag(MeterRegistry meters, Clock clock, long threshold, Duration duration) {
    this.meters = meters;
    this.clock = clock;
    this.threshold = threshold;
    this.duration = duration;
  }

  /**
   * @param aboveThresholdSince when the lag went above the threshold and has stayed there since;
   *     null when it is not
   */
  record Reading(String group, long lag, Instant aboveThresholdSince) {}

  /** Records one reading of a binding, per topic it reads. */
  void update(ConsumerBinding binding, Map<String, Long> lagByTopic) {
    Instant now = clock.instant();
    lagByTopic.forEach(
        (topic, lag) ->
            gauges
                .computeIfAbsent(
                    binding.name() + "\n" + topic,
                    key -> {
                      AtomicLong value = new AtomicLong();
                      Gauge.builder("cellpath.consumer.lag", value, AtomicLong::get)
                          .description(
                              "Records the binding's consumer group has yet to read, at the last reading")
                          .tag("binding", binding.name())
                          .tag("group", binding.group())
                          .tag("topic", topic)
                          .register(meters);
                      return value;
                    })
                .set(lag));
    long total = lagByTopic.values().stream().mapToLong(Long::longValue).sum();
    byBinding.compute(
        binding.name(),
        (name, previous) ->
            new Reading(
                binding.group(),
                total,
                total <= threshold
                    ? null
                    : previous != null && previous.aboveThresholdSince() != null
                        ? previous.aboveThresholdSince()
                        : now));
    readAt = now;
  }

  /** The bindings whose lag has been above the threshold for at least the duration. */
  Map<String, Reading> lagging() {
    Instant now = clock.instant();
    Map<String, Reading> lagging = new LinkedHashMap<>();
    byBinding.forEach(
        (binding, reading) -> {
          if (reading.aboveThresholdSince() != null
              && !reading.aboveThresholdSince().plus(duration).isAfter(now)) {
            lagging.put(binding, reading);
          }
        });
    return lagging;
  }

  Map<String, Reading> readings() {
    return Map.copyOf(byBinding);
  }

  /** When the last reading was taken; null before the first. */
  Instant readAt() {
    return readAt;
  }

  long threshold() {
    return threshold;
  }

  Duration duration() {
    return duration;
  }
}
