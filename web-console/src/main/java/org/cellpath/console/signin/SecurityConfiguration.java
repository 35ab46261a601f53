package org.cellpath.console.signin;

import org.cellpath.console.ConsoleProperties;
import org.cellpath.console.ConsoleProperties.SignInMode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Who may open which pages. Each role sees only its own pages (anything else is the 403 page); the sign-in page,
 * styles, scripts and the health probes are open. The sign-in mode ({@code cellpath.console.sign-in}) decides how
 * people sign in and where the relayed access token comes from.
 */
@Configuration
class SecurityConfiguration {

  @Bean
  SecurityFilterChain console(HttpSecurity http, ConsoleProperties properties, TokenVerifier verifier)
      throws Exception {
    AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
    forbidden.setErrorPage("/forbidden");
    http.authorizeHttpRequests(pages -> pages
            .requestMatchers("/signin", "/forbidden", "/error", "/css/**", "/webjars/**", "/favicon.ico",
                "/actuator/health/**").permitAll()
            .requestMatchers("/physician/**").hasRole(ConsoleUser.PHYSICIAN)
            .requestMatchers("/reviewer/**").hasRole(ConsoleUser.REVIEWER)
            .requestMatchers("/scheduler/**").hasRole(ConsoleUser.SCHEDULER)
            .requestMatchers("/staff/**").hasAnyRole(ConsoleUser.SCHEDULER, ConsoleUser.ADMIN)
            .anyRequest().authenticated())
        .exceptionHandling(failures -> failures
            .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/signin"))
            .accessDeniedHandler(forbidden))
        // After sign-in each person starts on their role's first page; no URL is kept across the sign-in.
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedOut")
            .invalidateHttpSession(true).deleteCookies("JSESSIONID"))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data:; form-action 'self' " + formTargets(properties)
                + "; frame-ancestors 'none'; base-uri 'self'"))
            .referrerPolicy(referrer -> referrer.policy(
                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
    if (properties.signIn() == SignInMode.OIDC) {
      http.oauth2Login(login -> login
          .loginPage("/signin")
          .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new ConsoleOidcUserService(verifier)))
          .defaultSuccessUrl("/", true)
          .failureUrl("/signin?failed"));
    }
    return http.build();
  }

  /** The identity provider's login page is reached by redirect, which {@code form-action} also governs. */
  private static String formTargets(ConsoleProperties properties) {
    return properties.signIn() == SignInMode.OIDC ? "http: https:" : "";
  }

  @Bean
  AccessTokens accessTokens(ConsoleProperties properties,
      ObjectProvider<ClientRegistrationRepository> registrations,
      ObjectProvider<OAuth2AuthorizedClientRepository> authorizedClients) {
    if (properties.signIn() == SignInMode.DEV_ISSUER) {
      return new SessionAccessTokens();
    }
    DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(
        registrations.getObject(), authorizedClients.getObject());
    manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
        .authorizationCode().refreshToken().build());
    return new OidcAccessTokens(manager);
  }
}
