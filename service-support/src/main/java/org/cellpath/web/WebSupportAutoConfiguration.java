package org.cellpath.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Gives every CellPath web service the same problem-details error bodies, the same strict reading
 * of JSON types ({@link StrictJsonTypes}), and a limit on every request body ({@link
 * RequestBodyLimitFilter}).
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(RequestBodyLimits.class)
@Import(ProblemDetailsAdvice.class)
public class WebSupportAutoConfiguration {

  /**
   * Ahead of security's filters and of anything that reads a body: an oversized body is refused
   * before anyone reads a byte of it, with or without a token.
   */
  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestBodyLimits limits) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * Unordered, so it runs after Spring Boot's own customizer: no {@code spring.jackson.*} property
   * loosens it.
   */
  @Bean
  JsonMapperBuilderCustomizer strictJsonTypes() {
    return new StrictJsonTypes();
  }
}
