package org.cellpath.console.api;

import org.cellpath.console.ConsoleProperties;
import org.cellpath.console.signin.AccessTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** The outcomes client: referral-service, with the signed-in person's token, like ReferralApi. */
@Configuration
class OutcomesApiConfiguration {

  @Bean
  OutcomesApi outcomesApi(
      RestClient.Builder builder,
      ConsoleProperties properties,
      AccessTokens tokens,
      JsonMapper json) {
    return new OutcomesApi(
        ApiClients.client(builder, properties.referralServiceUrl(), tokens, json));
  }
}
