package org.cellpath.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Settings under {@code cellpath.web.body-limit}: the largest request body each endpoint takes. A
 * body over its endpoint's limit is refused with 413 before it is read ({@link
 * RequestBodyLimitFilter}).
 *
 * <pre>{@code
 * cellpath.web.body-limit:
 *   max: 16KB                          # every endpoint not named below
 *   endpoints:
 *     "[POST /api/referrals]": 64KB    # method and path pattern (/api/referrals/*, /actuator/**)
 * }</pre>
 *
 * @param max the limit of every endpoint that {@code endpoints} does not name
 * @param endpoints limits by {@code "<METHOD> <path pattern>"}; where several patterns match a
 *     request, the most specific wins
 */
@ConfigurationProperties("cellpath.web.body-limit")
public record RequestBodyLimits(DataSize max, Map<String, DataSize> endpoints) {

  /** Far above any body a CellPath endpoint takes unless it says otherwise. */
  public static final DataSize DEFAULT_MAX = DataSize.ofKilobytes(16);

  public RequestBodyLimits {
    max = max == null ? DEFAULT_MAX : max;
    endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
    if (max.toBytes() < 1) {
      throw new IllegalArgumentException(
          "cellpath.web.body-limit.max must be at least 1 byte, not " + max);
    }
    endpoints.forEach(
        (endpoint, limit) -> {
          if (limit == null || limit.toBytes() < 1) {
            throw new IllegalArgumentException(
                "cellpath.web.body-limit.endpoints[" + endpoint + "] must be at least " + "1 byte");
          }
        });
  }

  /** The limits ready to match requests against. */
  Matcher matcher() {
    List<Rule> rules =
        endpoints.entrySet().stream()
            .map(entry -> Rule.of(entry.getKey(), entry.getValue()))
            .toList();
    return new Matcher(rules, max.toBytes());
  }

  record Rule(String method, PathPattern path, long maxBytes) {

    static Rule of(String endpoint, DataSize limit) {
      String[] parts = endpoint.strip().split("\\s+");
      if (parts.length != 2 || !parts[1].startsWith("/")) {
        throw new IllegalArgumentException(
            "cellpath.web.body-limit.endpoints: \""
                + endpoint
                + "\" is not \"<METHOD> <path pattern>\", for example \"POST /api/referrals\"");
      }
      return new Rule(
          parts[0].toUpperCase(Locale.ROOT),
          PathPatternParser.defaultInstance.parse(parts[1]),
          limit.toBytes());
    }
  }

  /** Finds a request's limit: its most specific endpoint rule, else {@code max}. */
  static final class Matcher {

    private final List<Rule> rules;
    private final long defaultMaxBytes;

    Matcher(List<Rule> rules, long defaultMaxBytes) {
      this.rules = rules;
      this.defaultMaxBytes = defaultMaxBytes;
    }

    long maxBytes(String method, String path) {
      PathContainer container = PathContainer.parsePath(path);
      return rules.stream()
          .filter(rule -> rule.method().equalsIgnoreCase(method) && rule.path().matches(container))
          .min(Comparator.comparing(Rule::path, PathPattern.SPECIFICITY_COMPARATOR))
          .map(Rule::maxBytes)
          .orElse(defaultMaxBytes);
    }
  }
}
