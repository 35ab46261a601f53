package org.cellpath.console.signin;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Identity-provider sign-in: the access token of the person's authorized client, refreshed with its
 * refresh token when it has expired (the manager does that), so that a page never sends the
 * services an expired token.
 */
final class OidcAccessTokens implements AccessTokens {

  private final OAuth2AuthorizedClientManager clients;

  OidcAccessTokens(OAuth2AuthorizedClientManager clients) {
    this.clients = clients;
  }

  @Override
  public Optional<String> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof OAuth2AuthenticationToken oauth)
        || !(RequestContextHolder.getRequestAttributes()
            instanceof ServletRequestAttributes attributes)) {
      return Optional.empty();
    }
    OAuth2AuthorizeRequest request =
        OAuth2AuthorizeRequest.withClientRegistrationId(oauth.getAuthorizedClientRegistrationId())
            .principal(authentication)
            .attribute(
                jakarta.servlet.http.HttpServletRequest.class.getName(), attributes.getRequest())
            .attribute(
                jakarta.servlet.http.HttpServletResponse.class.getName(), attributes.getResponse())
            .build();
    try {
      OAuth2AuthorizedClient client = clients.authorize(request);
      return client == null
          ? Optional.empty()
          : Optional.of(client.getAccessToken().getTokenValue());
    } catch (ClientAuthorizationException expired) {
      // The refresh token is gone too: the person signs in again.
      return Optional.empty();
    }
  }
}
