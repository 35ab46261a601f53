package org.cellpath.referral.surveys;

import java.time.Clock;
import org.cellpath.links.PatientLinks;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The questionnaire links this service opens ({@code PATIENT_LINK_KEY}, the key
 * notification-service signs them with; refused outside the local profile when missing or
 * published: PatientLinkKeySettings, registered in META-INF/spring.factories).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SurveyLinkRate.class)
class SurveyLinkConfiguration {

  @Bean
  PatientLinks patientLinks(Environment environment, Clock clock) {
    return PatientLinks.fromSettings(environment::getProperty, clock);
  }
}
