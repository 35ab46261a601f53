package org.cellpath.messaging.operations;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The service's consumer bindings, read from the same settings the binder reads: {@code
 * spring.cloud.stream.bindings} for destination and group, {@code
 * spring.cloud.stream.kafka.bindings.<name>.consumer.dlq-name} for the dead-letter topic. A
 * functional binding is named {@code <function>-in-<index>}; bindings without a group are left out
 * (every CellPath consumer has one).
 */
final class ConsumerBindings {

  private static final Pattern INPUT = Pattern.compile("(.+)-in-\\d+");

  private final BindingServiceProperties bindings;
  private final Environment environment;

  ConsumerBindings(BindingServiceProperties bindings, Environment environment) {
    this.bindings = bindings;
    this.environment = environment;
  }

  List<ConsumerBinding> all() {
    return bindings.getBindings().keySet().stream()
        .sorted()
        .map(this::binding)
        .flatMap(Optional::stream)
        .toList();
  }

  /** The binding of this name, or whose dead-letter topic has this name. */
  Optional<ConsumerBinding> find(String nameOrDeadLetterTopic) {
    return all().stream()
        .filter(
            binding ->
                binding.name().equals(nameOrDeadLetterTopic)
                    || binding.deadLetterTopic().equals(nameOrDeadLetterTopic))
        .findFirst();
  }

  private Optional<ConsumerBinding> binding(String name) {
    Matcher input = INPUT.matcher(name);
    String group = bindings.getGroup(name);
    String destination = bindings.getBindingDestination(name);
    if (!input.matches() || !StringUtils.hasText(group) || !StringUtils.hasText(destination)) {
      return Optional.empty();
    }
    List<String> topics =
        Arrays.stream(destination.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    return Optional.of(
        new ConsumerBinding(
            name, topics, group, deadLetterTopic(name, topics.get(0), group), input.group(1)));
  }

  private String deadLetterTopic(String binding, String topic, String group) {
    for (String key :
        List.of(
            "spring.cloud.stream.kafka.bindings." + binding + ".consumer.dlq-name",
            "spring.cloud.stream.kafka.bindings." + binding + ".consumer.dlqName",
            "spring.cloud.stream.kafka.default.consumer.dlq-name",
            "spring.cloud.stream.kafka.default.consumer.dlqName")) {
      String name = environment.getProperty(key);
      if (StringUtils.hasText(name)) {
        return name;
      }
    }
    // The binder's own default (KafkaMessageChannelBinder).
    return "error." + topic + "." + group;
  }
}
