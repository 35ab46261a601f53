package org.cellpath.time;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's {@link Clock}: the system clock in UTC, which due times, sent times, booking rules
 * and event times all read, so that tests can replace it. With {@code cellpath.clock.adjustable} it
 * is an {@link AdjustableClock} that the fault tests move forward through {@link ClockEndpoint}.
 */
@AutoConfiguration
@EnableConfigurationProperties(TimeProperties.class)
public class TimeAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TimeAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Clock clock(TimeProperties properties) {
    if (!properties.adjustable()) {
      return Clock.systemUTC();
    }
    log.warn(
        "The clock is adjustable and runs {} ahead of the system clock: for fault tests only, never in a "
            + "deployment (CELLPATH_CLOCK_ADJUSTABLE)",
        properties.offset());
    return new AdjustableClock(Clock.systemUTC(), properties.offset());
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
  static class Endpoints {

    /**
     * Only where the clock is adjustable (a service that brings its own clock has no endpoint to
     * move it).
     */
    @Bean
    @ConditionalOnProperty(name = "cellpath.clock.adjustable", havingValue = "true")
    @ConditionalOnAvailableEndpoint
    ClockEndpoint clockEndpoint(Clock clock) {
      if (!(clock instanceof AdjustableClock adjustable)) {
        throw new IllegalStateException(
            "cellpath.clock.adjustable is true, but the service's clock ("
                + clock.getClass().getName()
                + ") is its own and cannot be moved");
      }
      return new ClockEndpoint(adjustable);
    }
  }
}
