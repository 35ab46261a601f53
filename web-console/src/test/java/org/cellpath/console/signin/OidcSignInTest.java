package org.cellpath.console.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The identity-provider mode as docker-compose runs it: the sign-in page offers the provider's login, which is an
 * authorization-code request for the console's client at the provider's public address, with no password form and no
 * development issuer.
 */
@SpringBootTest(properties = {
    "cellpath.console.sign-in=oidc",
    "cellpath.console.referral-service-url=http://referral-service:8081",
    "cellpath.console.scheduling-service-url=http://scheduling-service:8082",
    "cellpath.console.notification-service-url=http://notification-service:8083",
    "cellpath.console.jwt.jwk-set-uri=http://keycloak:8080/realms/cellpath/protocol/openid-connect/certs",
    "cellpath.console.jwt.issuer=http://localhost:8180/realms/cellpath",
    "OIDC_AUTHORIZATION_URI=http://localhost:8180/realms/cellpath/protocol/openid-connect/auth",
    "OIDC_TOKEN_URI=http://keycloak:8080/realms/cellpath/protocol/openid-connect/token"})
@AutoConfigureMockMvc
class OidcSignInTest {

  @Autowired
  MockMvc mvc;

  @Test
  void theSignInPageSendsPeopleToTheIdentityProvidersLoginForTheConsolesClient() throws Exception {
    var page = Jsoup.parse(mvc.perform(get("/signin")).andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString());
    assertThat(page.select("input[name=role], input[name=npi]")).isEmpty();
    String login = page.getElementById("signin-oidc").attr("href");
    assertThat(login).isEqualTo("/oauth2/authorization/cellpath");

    String redirect = mvc.perform(get(login)).andExpect(status().isFound()).andReturn().getResponse()
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
  void pagesAskForSignInFirst() throws Exception {
    mvc.perform(get("/scheduler/calendar")).andExpect(status().isFound());
  }
}
