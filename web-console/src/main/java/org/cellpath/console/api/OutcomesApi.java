package org.cellpath.console.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.client.RestClient;

/**
 * referral-service's outcomes in aggregate (docs/api.md, "What the clinic learns"): the summary for
 * reviewing clinicians and staff, and the similar past cases beside a review. A figure the service
 * withholds (a group of fewer than five cases) is null here and said as "too few".
 */
public class OutcomesApi {

  private final RestClient http;

  OutcomesApi(RestClient http) {
    this.http = http;
  }

  public record Summary(int cases, int syntheticCases, int minimumGroup, List<Group> groups) {}

  /**
   * @param dimension ALL, CONDITION, CELL_SOURCE, AGE_BAND or HEALTH_FACTOR
   * @param cases null when too few
   */
  public record Group(
      String dimension, String value, boolean tooFew, Integer cases, List<TimePoint> timePoints) {

    /** The figures at one time point; null when the summary left it out. */
    public TimePoint at(String timePoint) {
      return timePoints == null
          ? null
          : timePoints.stream()
              .filter(point -> point.timePoint().equals(timePoint))
              .findFirst()
              .orElse(null);
    }
  }

  public record TimePoint(
      String timePoint,
      boolean tooFew,
      Integer answered,
      Integer missed,
      BigDecimal responseRate,
      List<Subscale> subscales) {

    /** One subscale's figures; null when no case was scored on it at this time point. */
    public Subscale subscale(String subscale) {
      return subscales == null
          ? null
          : subscales.stream()
              .filter(figures -> figures.subscale().equals(subscale))
              .findFirst()
              .orElse(null);
    }
  }

  /** The change from baseline in the subscale's better direction (positive is better). */
  public record Subscale(
      String instrument,
      String subscale,
      String label,
      BigDecimal meaningfulDifference,
      boolean tooFew,
      Integer n,
      BigDecimal medianChange,
      BigDecimal lowerQuartile,
      BigDecimal upperQuartile,
      BigDecimal shareMeaningful) {}

  public record Criteria(String condition, String gradeBand, String ageBand, String cellSource) {}

  public record Similar(
      Criteria criteria,
      boolean enough,
      Integer cases,
      Integer syntheticCases,
      List<TimePoint> timePoints) {}

  /** The summary under these filters (name to value; blank values left out). */
  public Summary summary(Map<String, String> filters) {
    return http.get()
        .uri(uri -> withFilters(uri.path("/api/outcomes/summary"), filters).build())
        .retrieve()
        .body(Summary.class);
  }

  /** The same figures as CSV. */
  public String summaryCsv(Map<String, String> filters) {
    return http.get()
        .uri(uri -> withFilters(uri.path("/api/outcomes/summary.csv"), filters).build())
        .header("Accept", "text/csv, application/problem+json")
        .retrieve()
        .body(String.class);
  }

  public Similar similar(UUID reviewId) {
    return http.get()
        .uri("/api/reviews/{id}/similar-outcomes", reviewId)
        .retrieve()
        .body(Similar.class);
  }

  private static org.springframework.web.util.UriBuilder withFilters(
      org.springframework.web.util.UriBuilder uri, Map<String, String> filters) {
    filters.forEach(
        (name, value) -> {
          if (value != null && !value.isBlank()) {
            uri.queryParam(name, value);
          }
        });
    return uri;
  }
}
