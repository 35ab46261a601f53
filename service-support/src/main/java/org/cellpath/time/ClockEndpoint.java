package org.cellpath.time;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code GET /actuator/clock} tells the service's "now" and how far ahead of the system clock it
 * runs; {@code POST /actuator/clock} with {@code {"offset":"PT96H"}} moves it forward. Exists only
 * with an {@link AdjustableClock}, and like every actuator endpoint but health and info it is for
 * {@code ADMIN}.
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

  /**
   * @param offset how far ahead of the system clock to run, ISO-8601 ({@code PT96H}); not behind
   *     the current offset
   * @throws InvalidEndpointRequestException (400) for an unreadable offset or one that would move
   *     time back
   */
  @WriteOperation
  public Reading move(String offset) {
    try {
      clock.moveTo(Duration.parse(offset));
    } catch (java.time.format.DateTimeParseException | IllegalArgumentException e) {
      throw new InvalidEndpointRequestException(
          e.getMessage(),
          "offset must be an ISO-8601 duration (PT96H) not "
              + "behind the current offset "
              + clock.offset());
    }
    return read();
  }
}
