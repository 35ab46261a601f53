package org.cellpath.scheduling.selfservice;

import java.time.Clock;
import org.cellpath.calendar.CalendarFiles;
import org.cellpath.links.PatientLinks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The links this service opens ({@code PATIENT_LINK_KEY}, refused outside the local profile when
 * missing or published: PatientLinkKeySettings, registered in META-INF/spring.factories) and the
 * calendar file the patient's page serves.
 */
@Configuration(proxyBeanMethods = false)
class PatientLinkConfiguration {

  @Bean
  PatientLinks patientLinks(Environment environment, Clock clock) {
    return PatientLinks.fromSettings(environment::getProperty, clock);
  }

  @Bean
  CalendarFiles patientCalendarFiles(SelfServiceProperties properties) {
    return new CalendarFiles(properties.clinicEmail(), properties.clinicName());
  }
}
