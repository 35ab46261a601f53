package org.cellpath.referral.outcomes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.jspecify.annotations.Nullable;

/**
 * One patient's answers to one instrument at one time point: item code to the score of the option
 * chosen. An item left unanswered is simply absent; how many may be absent is the scoring's concern
 * ({@link Scoring}), not a reason to refuse the answers.
 *
 * <p>Refused, naming each item ({@code answers.P3}): an item the instrument does not have, a score
 * none of its options carries, and more than one of a set of alternative questions (the VISA-A's
 * 8A, 8B, 8C).
 */
public record Answers(Instrument instrument, Map<String, Integer> scores) {

  public Answers {
    Objects.requireNonNull(instrument, "instrument");
    refuseWhatTheInstrumentCannotHold(instrument, scores);
    scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
  }

  private static void refuseWhatTheInstrumentCannotHold(
      Instrument instrument, Map<String, Integer> scores) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, Item> items =
        instrument.items().stream().collect(Collectors.toMap(Item::code, item -> item));
    scores.forEach(
        (code, score) -> {
          Item item = items.get(code);
          if (item == null) {
            problems.add(
                new FieldProblem(field(code), "is not an item of " + instrument.displayName()));
          } else if (score == null || !item.allows(score)) {
            problems.add(new FieldProblem(field(code), "must be one of " + item.scores()));
          }
        });
    instrument.items().stream()
        .filter(item -> item.exclusiveGroup() != null && scores.containsKey(item.code()))
        .collect(Collectors.groupingBy(Item::exclusiveGroup, Collectors.toList()))
        .forEach(
            (group, answered) -> {
              if (answered.size() > 1) {
                answered.forEach(
                    item ->
                        problems.add(
                            new FieldProblem(
                                field(item.code()),
                                "answer only one of question "
                                    + group
                                    + "'s alternatives "
                                    + answered.stream().map(Item::code).toList())));
              }
            });
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
  }

  /** The score of the option chosen for this item, or null if it was left unanswered. */
  public @Nullable Integer of(Item item) {
    if (item.instrument() != instrument) {
      throw new IllegalArgumentException(item.code() + " is not an item of " + instrument);
    }
    return scores.get(item.code());
  }

  private static String field(String code) {
    return "answers." + code;
  }
}
