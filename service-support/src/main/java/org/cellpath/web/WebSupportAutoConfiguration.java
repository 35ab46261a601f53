package org.cellpath.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Gives every CellPath web service the same problem-details error bodies, and the same strict reading of JSON types
 * ({@link StrictJsonTypes}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemDetailsAdvice.class)
public class WebSupportAutoConfiguration {

  /** Unordered, so it runs after Spring Boot's own customizer: no {@code spring.jackson.*} property loosens it. */
  @Bean
  JsonMapperBuilderCustomizer strictJsonTypes() {
    return new StrictJsonTypes();
  }
}
