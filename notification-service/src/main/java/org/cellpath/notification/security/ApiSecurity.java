package org.cellpath.notification.security;

import org.cellpath.security.CellPathHttpSecurity;
import org.cellpath.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. The delivery logs are for clinic staff: {@code ADMIN} and {@code SCHEDULER}
 * (schedulers are the ones who phone a patient whose confirmation bounced or who opted out of SMS);
 * physicians and reviewers have no business with a patient's contact history and get 403. The SMS
 * inbox (the patients' replies, answering them) and a referral's SMS consent history are for the
 * same staff. The SMS webhook is open to the filter chain because its caller is the SMS provider,
 * which holds no token: the controller checks the provider's signature instead ({@code
 * sms.web.WebhookSignature}). Every other path is refused by {@link CellPathHttpSecurity}.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

  @Bean
  SecurityFilterChain api(HttpSecurity http, CellPathHttpSecurity security) throws Exception {
    return security.build(
        http,
        rules ->
            rules
                .requestMatchers(HttpMethod.GET, "/api/referrals/*/notifications")
                .hasAnyRole(Roles.ADMIN, Roles.SCHEDULER)
                .requestMatchers(HttpMethod.POST, "/api/patients/notifications/search")
                .hasAnyRole(Roles.ADMIN, Roles.SCHEDULER)
                .requestMatchers(HttpMethod.GET, "/api/sms/replies", "/api/referrals/*/sms-consent")
                .hasAnyRole(Roles.ADMIN, Roles.SCHEDULER)
                .requestMatchers(
                    HttpMethod.POST, "/api/sms/replies/*/handled", "/api/sms/replies/*/answer")
                .hasAnyRole(Roles.ADMIN, Roles.SCHEDULER)
                .requestMatchers(HttpMethod.POST, "/api/sms/inbound")
                .permitAll());
  }
}
