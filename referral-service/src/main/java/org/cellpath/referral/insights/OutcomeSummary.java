package org.cellpath.referral.insights;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.outcomes.Change;
import org.cellpath.referral.outcomes.Instrument;
import org.cellpath.referral.outcomes.Subscale;
import org.jspecify.annotations.Nullable;

/**
 * The clinic's outcomes in aggregate (docs/domain.md §9, docs/outcomes.md "What the clinic
 * learns"): for all cases and for each group, per time point, the response rate and, per subscale,
 * the median change from baseline with its interquartile range and the share reaching the
 * meaningful difference. A group or figure of fewer than {@link Statistics#MINIMUM_GROUP} cases is
 * {@code tooFew} and carries no number, not even its count.
 *
 * @param cases the cases counted (with at least one questionnaire answered or missed)
 * @param syntheticCases how many of them are demo cases
 */
public record OutcomeSummary(
    OutcomeFilter filter, int cases, int syntheticCases, int minimumGroup, List<Group> groups) {

  /** What a group is drawn by. */
  public enum Dimension {
    ALL,
    CONDITION,
    CELL_SOURCE,
    AGE_BAND,
    HEALTH_FACTOR
  }

  /** The value of a case with no health factor in the {@code HEALTH_FACTOR} groups. */
  public static final String NO_HEALTH_FACTOR = "NONE";

  /**
   * @param cases how many cases the group holds; null when too few
   */
  public record Group(
      Dimension dimension,
      String value,
      boolean tooFew,
      @Nullable Integer cases,
      List<TimePointFigures> timePoints) {}

  /**
   * One time point of a group.
   *
   * @param responseRate answered / (answered + missed), 0-1; open questionnaires are not counted
   * @param subscales the change from baseline of each subscale (none at baseline)
   */
  public record TimePointFigures(
      SurveyTimePoint timePoint,
      boolean tooFew,
      @Nullable Integer answered,
      @Nullable Integer missed,
      @Nullable BigDecimal responseRate,
      List<SubscaleFigures> subscales) {}

  /**
   * The change of one subscale from baseline to a time point, in the subscale's better direction
   * (positive is better: pain down on the NRS, the score up on the FAOS and VISA-A).
   *
   * @param subscale the subscale's name ({@code NRS_PAIN}); its {@code toString} is its label
   * @param n the cases scored on this subscale at both baseline and this time point; null when too
   *     few
   * @param shareMeaningful the share of those whose improvement reached {@code
   *     meaningfulDifference}, 0-1
   */
  public record SubscaleFigures(
      Instrument instrument,
      String subscale,
      String label,
      BigDecimal meaningfulDifference,
      boolean tooFew,
      @Nullable Integer n,
      @Nullable BigDecimal medianChange,
      @Nullable BigDecimal lowerQuartile,
      @Nullable BigDecimal upperQuartile,
      @Nullable BigDecimal shareMeaningful) {}

  static OutcomeSummary of(List<OutcomeCase> all, OutcomeFilter filter) {
    List<OutcomeCase> cases = all.stream().filter(filter::admits).toList();
    List<Group> groups = new ArrayList<>();
    groups.add(group(Dimension.ALL, "ALL", cases, filter));
    groups.addAll(groupsBy(Dimension.CONDITION, cases, c -> Set.of(c.condition().name()), filter));
    groups.addAll(
        groupsBy(Dimension.CELL_SOURCE, cases, c -> Set.of(c.cellSource().name()), filter));
    groups.addAll(groupsBy(Dimension.AGE_BAND, cases, c -> Set.of(c.ageBand().name()), filter));
    groups.addAll(
        groupsBy(
            Dimension.HEALTH_FACTOR,
            cases,
            c ->
                c.healthFactors().isEmpty()
                    ? Set.of(NO_HEALTH_FACTOR)
                    : c.healthFactors().stream().map(Enum::name).collect(toSortedSet()),
            filter));
    return new OutcomeSummary(
        filter,
        cases.size(),
        (int) cases.stream().filter(OutcomeCase::synthetic).count(),
        Statistics.MINIMUM_GROUP,
        List.copyOf(groups));
  }

  /** The figures of each time point over some cases (also the similar cases beside a review). */
  static List<TimePointFigures> figures(List<OutcomeCase> cases, OutcomeFilter filter) {
    List<TimePointFigures> points = new ArrayList<>();
    for (SurveyTimePoint point : SurveyTimePoint.values()) {
      if (filter.admits(point)) {
        points.add(timePoint(cases, point));
      }
    }
    return List.copyOf(points);
  }

  private static List<Group> groupsBy(
      Dimension dimension,
      List<OutcomeCase> cases,
      Function<OutcomeCase, Set<String>> values,
      OutcomeFilter filter) {
    Map<String, List<OutcomeCase>> byValue = new java.util.TreeMap<>();
    for (OutcomeCase outcome : cases) {
      for (String value : values.apply(outcome)) {
        byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(outcome);
      }
    }
    List<Group> groups = new ArrayList<>();
    byValue.forEach((value, members) -> groups.add(group(dimension, value, members, filter)));
    return groups;
  }

  private static Group group(
      Dimension dimension, String value, List<OutcomeCase> members, OutcomeFilter filter) {
    boolean tooFew = !Statistics.enough(members.size());
    return new Group(
        dimension, value, tooFew, tooFew ? null : members.size(), figures(members, filter));
  }

  private static TimePointFigures timePoint(List<OutcomeCase> cases, SurveyTimePoint point) {
    int answered = (int) cases.stream().filter(c -> c.answered().contains(point)).count();
    int missed = (int) cases.stream().filter(c -> c.missed().contains(point)).count();
    List<SubscaleFigures> subscales = new ArrayList<>();
    if (point != SurveyTimePoint.BASELINE) {
      Map<Subscale, List<Change>> changes = new LinkedHashMap<>();
      for (Subscale subscale : Subscale.values()) {
        changes.put(subscale, new ArrayList<>());
      }
      Set<Subscale> seen = EnumSet.noneOf(Subscale.class);
      for (OutcomeCase outcome : cases) {
        for (Change change : outcome.changesAt(point)) {
          changes.get(change.subscale()).add(change);
          seen.add(change.subscale());
        }
      }
      for (Subscale subscale : seen) {
        subscales.add(subscale(subscale, changes.get(subscale)));
      }
    }
    boolean tooFew = !Statistics.enough(answered + missed);
    return new TimePointFigures(
        point,
        tooFew,
        tooFew ? null : answered,
        tooFew ? null : missed,
        tooFew ? null : Statistics.share(answered, answered + missed),
        List.copyOf(subscales));
  }

  private static SubscaleFigures subscale(Subscale subscale, List<Change> changes) {
    String label = subscale.instrument().displayName() + " " + subscale.label();
    if (!Statistics.enough(changes.size())) {
      return new SubscaleFigures(
          subscale.instrument(),
          subscale.name(),
          label,
          subscale.meaningfulDifference(),
          true,
          null,
          null,
          null,
          null,
          null);
    }
    Statistics.Spread spread =
        Statistics.spread(changes.stream().map(Change::improvement).toList());
    int meaningful = (int) changes.stream().filter(Change::meaningfulImprovement).count();
    return new SubscaleFigures(
        subscale.instrument(),
        subscale.name(),
        label,
        subscale.meaningfulDifference(),
        false,
        changes.size(),
        spread.median(),
        spread.lowerQuartile(),
        spread.upperQuartile(),
        Statistics.share(meaningful, changes.size()));
  }

  private static java.util.stream.Collector<String, ?, Set<String>> toSortedSet() {
    return java.util.stream.Collectors.toCollection(java.util.TreeSet::new);
  }
}
