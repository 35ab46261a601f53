package org.cellpath.console.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A referral's outcomes as referral-service gives them to its referring physician ({@code GET
 * /api/referrals/{id}/outcomes}, docs/api.md): the subscales scored, the four time points with
 * their scores and change from baseline, and the reports ready.
 */
public record ReferralOutcomes(
    UUID referralId, List<Subscale> subscales, List<TimePoint> timePoints, List<Report> reports) {

  public record Subscale(
      String instrument,
      String subscale,
      String label,
      int best,
      int worst,
      BigDecimal meaningfulDifference) {}

  /**
   * @param state null when the time point is not planned yet
   */
  public record TimePoint(
      String timePoint,
      String state,
      Instant dueAt,
      Instant closesAt,
      Instant completedAt,
      List<Score> scores) {

    public Score score(String subscale) {
      return scores == null
          ? null
          : scores.stream().filter(s -> s.subscale().equals(subscale)).findFirst().orElse(null);
    }
  }

  /**
   * @param score null when the answers could not score the subscale
   * @param change null at baseline and when either time point has no score
   */
  public record Score(String subscale, BigDecimal score, int answered, Change change) {}

  public record Change(
      BigDecimal improvement, boolean reachesMeaningfulDifference, boolean meaningfulWorsening) {}

  /**
   * @param kind {@code INTERIM} (6 weeks) or {@code FINAL} (24 weeks)
   */
  public record Report(String kind, Instant readyAt) {}
}
