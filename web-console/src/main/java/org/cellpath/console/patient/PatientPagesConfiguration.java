package org.cellpath.console.patient;

import io.micrometer.common.KeyValue;
import java.time.Clock;
import org.cellpath.console.ConsoleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The patient pages' clients of scheduling-service and of referral-service (the questionnaires),
 * their headers and flood guard, and the request spans' address with the token masked.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PatientPageSettings.class)
class PatientPagesConfiguration {

  @Bean
  SelfServiceApi selfServiceApi(
      RestClient.Builder builder, ConsoleProperties properties, JsonMapper json) {
    return new SelfServiceApi(
        SelfServiceApi.client(builder, properties.schedulingServiceUrl().toString(), json));
  }

  /** Ahead of sign-in and CSRF, so that even a refusal carries the headers. */
  @Bean
  FilterRegistrationBean<PatientPageHeaders> patientPageHeaders(PatientPageSettings settings) {
    FilterRegistrationBean<PatientPageHeaders> registration =
        new FilterRegistrationBean<>(
            new PatientPageHeaders(
                settings.ratePermits(), settings.ratePeriod(), Clock.systemUTC()));
    registration.addUrlPatterns("/p/*", "/q/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  SurveyApi surveyApi(RestClient.Builder builder, ConsoleProperties properties, JsonMapper json) {
    return new SurveyApi(
        SelfServiceApi.client(builder, properties.referralServiceUrl().toString(), json));
  }

  /**
   * The spans of every request name the address they served ({@code http.url}); a patient page's or
   * questionnaire's address holds the token, a credential that must reach no trace collector: it is
   * written {@code /p/{token}} or {@code /q/{token}} there, as the route already is.
   */
  @Bean
  ServerRequestObservationConvention patientLinksMaskedInSpans() {
    return new DefaultServerRequestObservationConvention() {
      @Override
      protected KeyValue httpUrl(ServerRequestObservationContext context) {
        KeyValue url = super.httpUrl(context);
        String value = url.getValue();
        if (value.startsWith("/p/")) {
          return KeyValue.of(url.getKey(), "/p/{token}");
        }
        return value.startsWith("/q/") ? KeyValue.of(url.getKey(), "/q/{token}") : url;
      }
    };
  }
}
