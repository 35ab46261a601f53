package org.cellpath.referral.insights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.HealthFactor;
import org.jspecify.annotations.Nullable;

/**
 * Which cases and time points a summary covers; each part left out covers all. A case with several
 * health factors is in the group of each.
 */
public record OutcomeFilter(
    @Nullable Condition condition,
    @Nullable CellSource cellSource,
    @Nullable AgeBand ageBand,
    @Nullable HealthFactor healthFactor,
    @Nullable SurveyTimePoint timePoint) {

  public static final OutcomeFilter NONE = new OutcomeFilter(null, null, null, null, null);

  /**
   * The filter from request parameters (blank or absent: all), each bad one named, all at once.
   *
   * @throws InvalidValueException naming every parameter that is not one of its names
   */
  public static OutcomeFilter parse(
      @Nullable String condition,
      @Nullable String cellSource,
      @Nullable String ageBand,
      @Nullable String healthFactor,
      @Nullable String timePoint) {
    List<FieldProblem> problems = new ArrayList<>();
    OutcomeFilter filter =
        new OutcomeFilter(
            value("condition", condition, Condition.class, problems),
            value("cellSource", cellSource, CellSource.class, problems),
            value("ageBand", ageBand, AgeBand.class, problems),
            value("healthFactor", healthFactor, HealthFactor.class, problems),
            value("timePoint", timePoint, SurveyTimePoint.class, problems));
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    return filter;
  }

  private static <E extends Enum<E>> @Nullable E value(
      String name, @Nullable String given, Class<E> type, List<FieldProblem> problems) {
    if (given == null || given.isBlank()) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(given)) {
        return constant;
      }
    }
    // The message lists what is accepted and never repeats what was sent.
    problems.add(
        new FieldProblem(
            name,
            "must be one of "
                + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "))));
    return null;
  }

  boolean admits(OutcomeCase outcome) {
    return (condition == null || condition == outcome.condition())
        && (cellSource == null || cellSource == outcome.cellSource())
        && (ageBand == null || ageBand == outcome.ageBand())
        && (healthFactor == null || outcome.healthFactors().contains(healthFactor));
  }

  boolean admits(SurveyTimePoint point) {
    return timePoint == null || timePoint == point;
  }
}
