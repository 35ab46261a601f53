package org.cellpath.console.signin;

import java.util.Map;
import org.cellpath.console.ConsoleProperties;
import org.cellpath.console.ConsoleProperties.SignInMode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Who may open which pages. Each role sees only its own pages (anything else is the 403 page); the
 * sign-in page, styles, scripts, the health probes and the patients' link pages ({@code /p/**}) and
 * questionnaires ({@code /q/**}) are open. The sign-in mode ({@code cellpath.console.sign-in})
 * decides how people sign in and where the relayed access token comes from.
 */
@Configuration
class SecurityConfiguration {

  /** Where a person lands after signing out, in both modes. */
  static final String SIGNED_OUT = "/signin?signedOut";

  @Bean
  SecurityFilterChain console(
      HttpSecurity http,
      ConsoleProperties properties,
      TokenVerifier verifier,
      ObjectProvider<ClientRegistrationRepository> registrations)
      throws Exception {
    AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
    forbidden.setErrorPage("/forbidden");
    http.authorizeHttpRequests(
            pages ->
                pages
                    .requestMatchers(
                        "/signin",
                        "/forbidden",
                        "/error",
                        "/css/**",
                        "/webjars/**",
                        "/favicon.ico",
                        "/actuator/health/**")
                    .permitAll()
                    // The patient's own pages and questionnaires: the signed link in the address
                    // is their credential, checked by scheduling-service or referral-service; no
                    // one signs in.
                    .requestMatchers("/p/**", "/q/**")
                    .permitAll()
                    .requestMatchers("/physician/**")
                    .hasRole(ConsoleUser.PHYSICIAN)
                    .requestMatchers("/reviewer/**")
                    .hasRole(ConsoleUser.REVIEWER)
                    .requestMatchers("/scheduler/**")
                    .hasRole(ConsoleUser.SCHEDULER)
                    // The clinic's outcomes in aggregate: reviewing clinicians and clinic staff.
                    .requestMatchers("/insights/**")
                    .hasAnyRole(ConsoleUser.REVIEWER, ConsoleUser.ADMIN)
                    .requestMatchers("/staff/**")
                    .hasAnyRole(ConsoleUser.SCHEDULER, ConsoleUser.ADMIN)
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(
            failures ->
                failures
                    .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/signin"))
                    .accessDeniedHandler(forbidden))
        // After sign-in each person starts on their role's first page; no URL is kept across the
        // sign-in.
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .logout(
            logout ->
                logout
                    .logoutUrl("/signout")
                    .logoutSuccessHandler(signedOut(properties, registrations))
                    .invalidateHttpSession(true)
                    .deleteCookies("JSESSIONID"))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; "
                                    + "style-src 'self'; img-src 'self' data:; form-action 'self' "
                                    + formTargets(properties)
                                    + "; frame-ancestors 'none'; base-uri 'self'"))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(
                                org.springframework.security.web.header.writers
                                    .ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
    if (properties.signIn() == SignInMode.OIDC) {
      http.oauth2Login(
          login ->
              login
                  .loginPage("/signin")
                  .userInfoEndpoint(
                      userInfo -> userInfo.oidcUserService(new ConsoleOidcUserService(verifier)))
                  .defaultSuccessUrl("/", true)
                  .failureUrl("/signin?failed"));
    }
    return http.build();
  }

  /**
   * After the console's session has ended: with the development issuer, the sign-in page; with the
   * identity provider, its end-session endpoint first (RP-initiated logout, with the ID token as
   * hint), which ends the provider's session and sends the browser back to the sign-in page.
   * Without that, the provider would sign the person straight back in on their next visit, without
   * a password.
   */
  private static LogoutSuccessHandler signedOut(
      ConsoleProperties properties, ObjectProvider<ClientRegistrationRepository> registrations) {
    if (properties.signIn() == SignInMode.OIDC) {
      OidcClientInitiatedLogoutSuccessHandler provider =
          new OidcClientInitiatedLogoutSuccessHandler(registrations.getObject());
      provider.setPostLogoutRedirectUri("{baseUrl}" + SIGNED_OUT);
      provider.setDefaultTargetUrl(SIGNED_OUT);
      return provider;
    }
    SimpleUrlLogoutSuccessHandler page = new SimpleUrlLogoutSuccessHandler();
    page.setDefaultTargetUrl(SIGNED_OUT);
    return page;
  }

  /**
   * The client registrations of {@code spring.security.oauth2.client}, as Spring Boot would make
   * them, with the provider's end-session endpoint added: Spring learns that endpoint only from
   * issuer discovery, which the console does not do (the browser and the console reach the provider
   * at different addresses).
   */
  @Bean
  ClientRegistrationRepository clientRegistrations(
      OAuth2ClientProperties oauth2, ConsoleProperties properties) {
    return new InMemoryClientRegistrationRepository(
        new OAuth2ClientPropertiesMapper(oauth2)
            .asClientRegistrations().values().stream()
                .map(
                    registration ->
                        properties.oidcLogoutUri() == null
                            ? registration
                            : ClientRegistration.withClientRegistration(registration)
                                .providerConfigurationMetadata(
                                    Map.of(
                                        "end_session_endpoint",
                                        properties.oidcLogoutUri().toString()))
                                .build())
                .toList());
  }

  /**
   * The identity provider's login page is reached by redirect, which {@code form-action} also
   * governs.
   */
  private static String formTargets(ConsoleProperties properties) {
    return properties.signIn() == SignInMode.OIDC ? "http: https:" : "";
  }

  @Bean
  AccessTokens accessTokens(
      ConsoleProperties properties,
      ObjectProvider<ClientRegistrationRepository> registrations,
      ObjectProvider<OAuth2AuthorizedClientRepository> authorizedClients) {
    if (properties.signIn() == SignInMode.DEV_ISSUER) {
      return new SessionAccessTokens();
    }
    DefaultOAuth2AuthorizedClientManager manager =
        new DefaultOAuth2AuthorizedClientManager(
            registrations.getObject(), authorizedClients.getObject());
    manager.setAuthorizedClientProvider(
        OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
    return new OidcAccessTokens(manager);
  }
}
