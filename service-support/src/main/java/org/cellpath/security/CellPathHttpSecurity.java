package org.cellpath.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain every service builds, with its own rules in the middle: stateless bearer-token
 * authentication, no sessions, cookies, CSRF tokens, basic or form login; health and info open; the
 * API description and Swagger UI for {@code ADMIN}, or open where {@link ApiDocsProperties#open()}
 * says so (the {@code local} profile); other actuator endpoints (metrics) for {@code ADMIN}; and
 * every path the service's rules do not name refused.
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http, CellPathHttpSecurity security) throws Exception {
 *   return security.build(http, rules -> rules
 *       .requestMatchers(HttpMethod.POST, "/api/referrals").hasRole(Roles.PHYSICIAN));
 * }
 * }</pre>
 */
public class CellPathHttpSecurity {

  private final JwtDecoder decoder;
  private final JwtAuthenticationConverter converter;
  private final ProblemResponses problems;
  private final ApiDocsProperties apiDocs;

  public CellPathHttpSecurity(
      JwtDecoder decoder,
      JwtAuthenticationConverter converter,
      ProblemResponses problems,
      ApiDocsProperties apiDocs) {
    this.decoder = decoder;
    this.converter = converter;
    this.problems = problems;
    this.apiDocs = apiDocs;
  }

  /**
   * The service's filter chain, with {@code rules} between the shared open paths and the final
   * deny-all.
   */
  public SecurityFilterChain build(
      HttpSecurity http,
      Customizer<
              AuthorizeHttpRequestsConfigurer<HttpSecurity>
                  .AuthorizationManagerRequestMatcherRegistry>
          rules)
      throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            registry -> {
              registry
                  .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                  .permitAll();
              var docs =
                  registry.requestMatchers(
                      "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**");
              if (apiDocs.open()) {
                docs.permitAll();
              } else {
                docs.hasRole(Roles.ADMIN);
              }
              registry.requestMatchers("/error").permitAll();
              registry.requestMatchers("/actuator/**").hasRole(Roles.ADMIN);
              rules.customize(registry);
              registry.anyRequest().denyAll();
            })
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }
}
