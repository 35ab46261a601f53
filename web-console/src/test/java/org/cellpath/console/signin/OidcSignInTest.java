package org.cellpath.console.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The identity-provider mode as docker-compose runs it: the sign-in page offers the provider's
 * login, which is an authorization-code request for the console's client at the provider's public
 * address, with no password form and no development issuer; signing out ends the provider's session
 * too (RP-initiated logout at its end-session endpoint, which is configured since the console does
 * no discovery).
 */
@SpringBootTest(
    properties = {
      "cellpath.console.sign-in=oidc",
      "cellpath.console.referral-service-url=http://referral-service:8081",
      "cellpath.console.scheduling-service-url=http://scheduling-service:8082",
      "cellpath.console.notification-service-url=http://notification-service:8083",
      "cellpath.console.jwt.jwk-set-uri=http://keycloak:8080/realms/cellpath/protocol/openid-connect/certs",
      "cellpath.console.jwt.issuer=http://localhost:8180/realms/cellpath",
      "OIDC_AUTHORIZATION_URI=http://localhost:8180/realms/cellpath/protocol/openid-connect/auth",
      "OIDC_TOKEN_URI=http://keycloak:8080/realms/cellpath/protocol/openid-connect/token",
      "OIDC_LOGOUT_URI=http://localhost:8180/realms/cellpath/protocol/openid-connect/logout"
    })
@AutoConfigureMockMvc
class OidcSignInTest {

  @Autowired MockMvc mvc;

  @Autowired ClientRegistrationRepository registrations;

  @Test
  void theSignInPageSendsPeopleToTheIdentityProvidersLoginForTheConsolesClient() throws Exception {
    var page =
        Jsoup.parse(
            mvc.perform(get("/signin"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(page.select("input[name=role], input[name=npi]")).isEmpty();
    String login = page.getElementById("signin-oidc").attr("href");
    assertThat(login).isEqualTo("/oauth2/authorization/cellpath");

    String redirect =
        mvc.perform(get(login))
            .andExpect(status().isFound())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    URI uri = URI.create(redirect);
    var query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
    assertThat(uri.getScheme() + "://" + uri.getAuthority() + uri.getPath())
        .isEqualTo("http://localhost:8180/realms/cellpath/protocol/openid-connect/auth");
    assertThat(query.getFirst("response_type")).isEqualTo("code");
    assertThat(query.getFirst("client_id")).isEqualTo("cellpath-web-console");
    assertThat(query.getFirst("scope")).isEqualTo("openid");
    assertThat(query.getFirst("redirect_uri")).endsWith("/login/oauth2/code/cellpath");
    assertThat(query.getFirst("state")).isNotBlank();
  }

  @Test
  void
      signingOutEndsTheConsolesSessionThenTheProvidersWithTheIdTokenAsHintAndComesBackToTheSignInPage()
          throws Exception {
    MockHttpSession session = new MockHttpSession();
    String redirect =
        mvc.perform(
                post("/signout")
                    .with(csrf())
                    .session(session)
                    .with(
                        oidcLogin()
                            .clientRegistration(registrations.findByRegistrationId("cellpath"))
                            .idToken(token -> token.tokenValue("id-token-of-this-session"))))
            .andExpect(status().isFound())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();

    assertThat(session.isInvalid()).isTrue();
    URI uri = URI.create(redirect);
    var query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
    assertThat(uri.getScheme() + "://" + uri.getAuthority() + uri.getPath())
        .isEqualTo("http://localhost:8180/realms/cellpath/protocol/openid-connect/logout");
    assertThat(query.getFirst("id_token_hint")).isEqualTo("id-token-of-this-session");
    assertThat(
            URLDecoder.decode(query.getFirst("post_logout_redirect_uri"), StandardCharsets.UTF_8))
        .isEqualTo("http://localhost/signin?signedOut");
  }

  @Test
  void pagesAskForSignInFirst() throws Exception {
    mvc.perform(get("/scheduler/calendar")).andExpect(status().isFound());
  }
}
