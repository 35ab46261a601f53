package org.cellpath.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** 401s are counted one by one and sampled into the audit trail at most once a minute per route. */
class UnauthenticatedRefusalsTest {

  private final MovingClock clock = new MovingClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Samples trail = new Samples();

  /**
   * The route is the request's path up to its id, as the service's endpoint templates would make
   * it.
   */
  private final UnauthenticatedRefusals refusals =
      new UnauthenticatedRefusals(
          trail,
          clock,
          meters,
          request ->
              request.getMethod()
                  + " "
                  + request.getRequestURI().replaceAll("/[0-9a-f-]{36}$", "/{id}"));

  @Test
  void aThousandRefusalsOfOneRouteWithinAMinuteAreCountedAndWrittenOnce() {
    for (int i = 0; i < 1_000; i++) {
      refusals.refused(request("/api/referrals/" + java.util.UUID.randomUUID()));
    }

    assertThat(trail.samples)
        .singleElement()
        .satisfies(
            sample -> {
              assertThat(sample.entry().action()).startsWith("GET /api/referrals/");
              assertThat(sample.entry().resourceType()).isEqualTo("route");
              assertThat(sample.entry().resourceId()).isEqualTo("GET /api/referrals/{id}");
              assertThat(sample.entry().outcome()).isEqualTo("UNAUTHENTICATED");
              assertThat(sample.entry().subject()).isEqualTo("anonymous");
              assertThat(sample.notRecorded()).isZero();
            });
    assertThat(count("GET /api/referrals/{id}")).isEqualTo(1_000);
  }

  @Test
  void theFirstRefusalAfterTheMinuteIsWrittenWithTheNumberNotWritten() {
    for (int i = 0; i < 1_000; i++) {
      refusals.refused(request("/api/reviews"));
    }
    clock.advance(UnauthenticatedRefusals.SAMPLE_INTERVAL);

    refusals.refused(request("/api/reviews"));

    assertThat(trail.samples).extracting(Sample::notRecorded).containsExactly(0L, 999L);
    assertThat(count("GET /api/reviews")).isEqualTo(1_001);
  }

  @Test
  void eachRouteHasItsOwnSample() {
    refusals.refused(request("/api/reviews"));
    refusals.refused(request("/api/referrals"));
    refusals.refused(request("/api/reviews"));

    assertThat(trail.samples)
        .extracting(sample -> sample.entry().resourceId())
        .containsExactly("GET /api/reviews", "GET /api/referrals");
  }

  @Test
  void aTrailThatCannotWriteLeavesTheRefusalCounted() {
    trail.broken = true;

    refusals.refused(request("/api/reviews"));

    assertThat(count("GET /api/reviews")).isEqualTo(1);
  }

  private double count(String route) {
    return meters.get(UnauthenticatedRefusals.METRIC).tag("route", route).counter().count();
  }

  private static MockHttpServletRequest request(String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setRemoteAddr("198.51.100.7");
    return request;
  }

  record Sample(AuditEntry entry, long notRecorded) {}

  /** A trail that keeps its samples, or fails as a database that is down would. */
  static final class Samples implements AuditTrail {

    final List<Sample> samples = new ArrayList<>();
    boolean broken;

    @Override
    public void record(AuditEntry entry) {
      throw new AssertionError("a 401 is only ever written as a sample");
    }

    @Override
    public void recordSample(AuditEntry entry, long notRecorded) {
      if (broken) {
        throw new IllegalStateException("database down");
      }
      samples.add(new Sample(entry, notRecorded));
    }
  }

  static final class MovingClock extends Clock {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
