package org.cellpath.time;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code GET /actuator/clock} tells the service's "now" and how far ahead of the system clock it runs;
 * {@code POST /actuator/clock} with {@code {"offset":"PT96H"}} moves it forward. Exists only with an
 * {@link AdjustableClock}, and like every actuator endpoint but health and info it is for {@code ADMIN}.
 */
@Endpoint(id = "clock")
public class ClockEndpoint {

  private final AdjustableClock clock;

  ClockEndpoint(AdjustableClock clock) {
    this.clock = clock;
  }

  /** What the service takes for "now". */
  public record Reading(Instant now, Duration offset) {}

  @ReadOperation
  public Reading read() {
    return new Reading(clock.instant(), clock.offset());
  }

  @WriteOperation
  public Reading move(String offset) {
    clock.moveTo(Duration.parse(offset));
    return read();
  }
}
