package org.cellpath.work;

import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Puts every {@link BackgroundWorker} of the service into {@code /actuator/health} as {@code
 * backgroundWorkers}, one entry per worker. Not in the readiness group: a worker that cannot do its
 * rounds (the broker down, say) is no reason to stop taking requests, whose work waits in the
 * database.
 */
@AutoConfiguration
@ConditionalOnClass(HealthIndicator.class)
public class WorkerHealthAutoConfiguration {

  /**
   * @param maxFailing how long a worker's rounds may fail without a success before it is DOWN
   *     ({@code BACKGROUND_WORKER_MAX_FAILING}, 3 minutes by default)
   */
  @Bean
  CompositeHealthContributor backgroundWorkersHealthContributor(
      ObjectProvider<BackgroundWorker> workers,
      @Value("${cellpath.workers.max-failing:${BACKGROUND_WORKER_MAX_FAILING:3m}}")
          Duration maxFailing) {
    return BackgroundWorkerHealth.composite(workers.orderedStream().toList(), maxFailing);
  }
}
