package org.cellpath.scheduling.planning;

import org.cellpath.time.ClinicTimeZone;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlanningConfiguration {

  @Bean
  PairPlanner pairPlanner(SchedulingRules rules, ClinicTimeZone clinic) {
    return new PairPlanner(rules, clinic.timeZone());
  }
}
