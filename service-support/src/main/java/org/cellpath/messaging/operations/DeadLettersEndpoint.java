package org.cellpath.messaging.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cellpath.audit.OperatorAudit;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.messaging.InboxConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/deadletters}: the consumer bindings with their dead-letter topics ({@code GET}),
 * and replay from one of them ({@code POST}). Like every actuator endpoint but health and info, for
 * {@code ADMIN} only. A replay is a dry run unless {@code dryRun} is {@code false}; every call is
 * written to the audit log.
 */
@Endpoint(id = "deadletters")
class DeadLettersEndpoint {

  private final DeadLetterReplay replay;
  private final ConsumerBindings bindings;
  private final DeadLetterReader reader;
  private final OperatorAudit operatorAudit;

  DeadLettersEndpoint(
      DeadLetterReplay replay,
      ConsumerBindings bindings,
      DeadLetterReader reader,
      OperatorAudit operatorAudit) {
    this.replay = replay;
    this.bindings = bindings;
    this.reader = reader;
    this.operatorAudit = operatorAudit;
  }

  /**
   * A binding and how many records its dead-letter topic holds (replayed ones included: a topic
   * keeps them).
   */
  record BindingView(
      String binding,
      List<String> topics,
      String group,
      String deadLetterTopic,
      long deadLetters) {}

  record Bindings(List<BindingView> bindings) {}

  /** A dry run's answer: what a replay of the same selection would hand to the consumer. */
  record DryRun(
      String binding,
      String deadLetterTopic,
      boolean dryRun,
      List<DeadLetterReplay.DeadLetter> records,
      List<String> notFound) {}

  /** A replay's answer, one result per record in the order they were handed over. */
  record Replay(
      String binding,
      String deadLetterTopic,
      boolean dryRun,
      List<DeadLetterReplay.Replayed> results,
      List<String> notFound) {}

  @ReadOperation
  Bindings bindings() {
    return new Bindings(
        bindings.all().stream()
            .map(
                binding ->
                    new BindingView(
                        binding.name(),
                        binding.topics(),
                        binding.group(),
                        binding.deadLetterTopic(),
                        reader.count(binding.deadLetterTopic())))
            .toList());
  }

  /**
   * Lists or replays records of a binding's dead-letter topic.
   *
   * @param binding the binding ({@code referralEvents-in-0}) or its dead-letter topic
   * @param eventIds the {@code ce_id}s to replay, separated by commas (actuator request bodies hold
   *     strings only); absent or empty means every record of the topic
   * @param dryRun true (the default) lists what a replay would hand over and changes nothing
   */
  @WriteOperation
  Object replay(
      @Nullable String binding,
      @Nullable String eventIds,
      @Nullable Boolean dryRun,
      SecurityContext security) {
    List<FieldProblem> problems = new ArrayList<>();
    Optional<ConsumerBinding> found = Optional.empty();
    if (binding == null || binding.isBlank()) {
      problems.add(new FieldProblem("binding", "is required"));
    } else {
      found = replay.binding(binding.strip());
      if (found.isEmpty()) {
        problems.add(
            new FieldProblem(
                "binding",
                "names no consumer binding or dead-letter topic of this service ("
                    + String.join(", ", bindings.all().stream().map(ConsumerBinding::name).toList())
                    + ")"));
      }
    }
    Set<String> ids = new LinkedHashSet<>();
    if (eventIds != null && !eventIds.isBlank()) {
      for (String id : eventIds.split(",")) {
        if (id.isBlank()) {
          problems.add(new FieldProblem("eventIds", "must not hold an empty id"));
          break;
        }
        ids.add(id.strip());
      }
    }
    boolean dry = dryRun == null || dryRun;
    Optional<InboxConsumer> consumer = found.flatMap(replay::consumer);
    if (found.isPresent() && !dry && consumer.isEmpty()) {
      problems.add(
          new FieldProblem(
              "binding", "is not handled by an inbox consumer; it cannot be replayed into"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    DeadLetterReplay.Selection selection = replay.select(found.orElseThrow(), ids);
    ConsumerBinding chosen = selection.binding();
    if (dry) {
      List<DeadLetterReplay.DeadLetter> records = replay.list(selection, consumer);
      Map<String, List<String>> audit = new LinkedHashMap<>();
      audit.put("listed", records.stream().map(DeadLetterReplay.DeadLetter::eventId).toList());
      audit.put("notFound", selection.notFound());
      operatorAudit.record(security, "DEADLETTER_DRY_RUN", "binding", chosen.name(), audit);
      return new DryRun(
          chosen.name(), chosen.deadLetterTopic(), true, records, selection.notFound());
    }
    List<DeadLetterReplay.Replayed> results = replay.replay(selection, consumer.orElseThrow());
    Map<String, List<String>> audit = new LinkedHashMap<>();
    for (DeadLetterReplay.Outcome outcome : DeadLetterReplay.Outcome.values()) {
      audit.put(
          outcome.name().toLowerCase(Locale.ROOT),
          results.stream()
              .filter(result -> result.outcome() == outcome)
              .map(DeadLetterReplay.Replayed::eventId)
              .toList());
    }
    audit.put("notFound", selection.notFound());
    operatorAudit.record(security, "DEADLETTER_REPLAY", "binding", chosen.name(), audit);
    return new Replay(
        chosen.name(), chosen.deadLetterTopic(), false, results, selection.notFound());
  }
}
