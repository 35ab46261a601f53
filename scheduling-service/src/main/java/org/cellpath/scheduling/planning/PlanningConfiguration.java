package org.cellpath.scheduling.planning;

import org.cellpath.scheduling.clinic.ClinicSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlanningConfiguration {

  @Bean
  PairPlanner pairPlanner(SchedulingRules rules, ClinicSettings clinic) {
    return new PairPlanner(rules, clinic.timeZone());
  }
}
