package org.cellpath.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests refused with 401 (no token, or one that is not valid, or an unsigned webhook call):
 * anyone can send them in a loop, so they must not cost a row of the append-only audit trail each.
 * Every one is counted (metric {@value #METRIC}, tagged with its route) and logged on {@code
 * cellpath.audit}; at most one a minute per route is written to the trail, and that row carries how
 * many refusals of its route were not written since the previous one.
 *
 * <p>A route is the template of the endpoint the request was for ({@code GET /api/referrals/{id}}),
 * or {@code GET (unmapped)} for a path no endpoint serves, so the number of routes, samples and
 * metric series is bounded by the service's endpoints whatever paths a caller makes up.
 */
public class UnauthenticatedRefusals {

  /** Micrometer counter of 401 answers, tag {@code route}. */
  public static final String METRIC = "cellpath.security.unauthenticated";

  /** At most one row per route in this time. */
  public static final Duration SAMPLE_INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(UnauthenticatedRefusals.class);

  private final AuditTrail trail;
  private final AuditTrail logOnly = new LoggingAuditTrail();
  private final Clock clock;
  private final MeterRegistry meters;
  private final Function<HttpServletRequest, String> routes;
  private final ConcurrentMap<String, Sample> samples = new ConcurrentHashMap<>();

  /**
   * @param routes the route of a request, from a bounded set (see the class comment)
   */
  public UnauthenticatedRefusals(
      AuditTrail trail,
      Clock clock,
      MeterRegistry meters,
      Function<HttpServletRequest, String> routes) {
    this.trail = trail;
    this.clock = clock;
    this.meters = meters;
    this.routes = routes;
  }

  /**
   * One route's sampling after a refusal.
   *
   * @param writtenAt when the route's last row was written (this refusal's time when {@code write})
   * @param notRecorded the refusals of the route since then, not written
   * @param write whether this refusal is written
   * @param notRecordedBefore for a written one: the refusals not written between the previous row
   *     and this one
   */
  private record Sample(
      Instant writtenAt, long notRecorded, boolean write, long notRecordedBefore) {}

  /** Counts, logs and perhaps writes one refusal of {@code request}. */
  public void refused(HttpServletRequest request) {
    String route = routes.apply(request);
    meters.counter(METRIC, "route", route).increment();
    Instant now = clock.instant();
    AuditEntry entry =
        new AuditEntry(
            now,
            "anonymous",
            "",
            request.getMethod() + " " + request.getRequestURI(),
            "route",
            route,
            "UNAUTHENTICATED",
            request.getRemoteAddr());
    Sample sample =
        samples.compute(
            route,
            (key, last) -> {
              if (last == null || !now.isBefore(last.writtenAt().plus(SAMPLE_INTERVAL))) {
                return new Sample(now, 0, true, last == null ? 0 : last.notRecorded());
              }
              return new Sample(last.writtenAt(), last.notRecorded() + 1, false, 0);
            });
    if (!sample.write()) {
      logOnly.record(entry);
      return;
    }
    try {
      trail.recordSample(entry, sample.notRecordedBefore());
    } catch (RuntimeException unwritten) {
      // The refusal stands whatever the trail's database does; the counter still has it.
      log.warn(
          "A sampled 401 of {} could not be written to the audit trail: {}",
          route,
          unwritten.getClass().getName());
    }
  }
}
