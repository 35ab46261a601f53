package org.cellpath.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The JWT checks every service shares (ADR 11): signature by a key of the configured JWK set, only
 * the allowed algorithms ({@code none} never), the configured issuer, the configured audience,
 * expiry and not-before (with one minute of clock skew), a subject; roles from the {@code roles}
 * claim.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({
  SecurityFilterChain.class,
  JwtDecoder.class,
  RequestMappingInfoHandlerMapping.class
})
@EnableConfigurationProperties({SecurityProperties.class, ApiDocsProperties.class})
public class JwtSecurityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  JwtDecoder cellpathJwtDecoder(SecurityProperties properties) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
            .jwsAlgorithms(
                algorithms ->
                    properties.algorithms().forEach(name -> algorithms.add(algorithm(name))))
            .build();
    OAuth2TokenValidator<Jwt> audience =
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD, values -> values != null && values.contains(properties.audience()));
    OAuth2TokenValidator<Jwt> subject =
        new JwtClaimValidator<String>(
            JwtClaimNames.SUB, value -> value != null && !value.isBlank());
    OAuth2TokenValidator<Jwt> expiring =
        new JwtClaimValidator<Object>(JwtClaimNames.EXP, value -> value != null);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(properties.issuer()),
            audience,
            subject,
            expiring));
    return decoder;
  }

  @Bean
  @ConditionalOnMissingBean
  JwtAuthenticationConverter cellpathJwtAuthenticationConverter() {
    JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
    roles.setAuthoritiesClaimName(SecurityProperties.ROLES_CLAIM);
    roles.setAuthorityPrefix("ROLE_");
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(roles);
    return converter;
  }

  @Bean
  @ConditionalOnMissingBean
  AuditTrail cellpathAuditTrail() {
    return new LoggingAuditTrail();
  }

  /**
   * The route of a request, for counting and sampling 401s: the template of the endpoint it was
   * for.
   */
  @Bean
  RouteTemplates cellpathRouteTemplates(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
    return new RouteTemplates(mappings);
  }

  @Bean
  UnauthenticatedRefusals cellpathUnauthenticatedRefusals(
      AuditTrail audit,
      ObjectProvider<Clock> clock,
      ObjectProvider<MeterRegistry> meters,
      RouteTemplates routes) {
    return new UnauthenticatedRefusals(
        audit,
        clock.getIfAvailable(Clock::systemUTC),
        meters.getIfAvailable(SimpleMeterRegistry::new),
        routes);
  }

  @Bean
  ProblemResponses cellpathProblemResponses(
      AuditTrail audit, UnauthenticatedRefusals unauthenticated, ObjectProvider<Clock> clock) {
    return new ProblemResponses(audit, unauthenticated, clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  CellPathHttpSecurity cellpathHttpSecurity(
      JwtDecoder decoder,
      JwtAuthenticationConverter converter,
      ProblemResponses problems,
      ApiDocsProperties apiDocs) {
    return new CellPathHttpSecurity(decoder, converter, problems, apiDocs);
  }

  private static SignatureAlgorithm algorithm(String name) {
    SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
    if (algorithm == null) {
      throw new IllegalArgumentException(
          "cellpath.security.jwt.algorithms: unknown signature algorithm " + name);
    }
    return algorithm;
  }
}
