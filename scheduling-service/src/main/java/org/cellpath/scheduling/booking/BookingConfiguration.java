package org.cellpath.scheduling.booking;

import org.cellpath.scheduling.clinic.ClinicSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BookingConfiguration {

  @Bean
  PairPlanner pairPlanner(SchedulingRules rules, ClinicSettings clinic) {
    return new PairPlanner(rules, clinic.timeZone());
  }
}
