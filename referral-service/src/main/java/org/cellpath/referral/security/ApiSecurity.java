package org.cellpath.referral.security;

import org.cellpath.security.CellPathHttpSecurity;
import org.cellpath.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Role rules of referral-service, least privilege: referring physicians use the referral API,
 * reviewing clinicians the review API, and nobody else either (findings are clinical: schedulers
 * and admins get nothing here). Each rule names the methods and paths that exist; anything else is
 * refused by the shared chain. Which referral a physician may touch is decided by {@code
 * ReferralController} (their own, by the token's NPI). The patient's questionnaire takes no bearer
 * token: its link is the credential.
 */
@Configuration
class ApiSecurity {

  @Bean
  SecurityFilterChain api(HttpSecurity http, CellPathHttpSecurity security) throws Exception {
    return security.build(
        http,
        rules ->
            rules
                .requestMatchers(HttpMethod.POST, "/api/referrals", "/api/referrals/*/withdrawal")
                .hasRole(Roles.PHYSICIAN)
                .requestMatchers(HttpMethod.GET, "/api/referrals")
                .hasRole(Roles.PHYSICIAN)
                // A reviewing clinician reads the referral they decide on (its clinical details); a
                // physician only their own.
                .requestMatchers(HttpMethod.GET, "/api/referrals/*")
                .hasAnyRole(Roles.PHYSICIAN, Roles.REVIEWER)
                .requestMatchers(HttpMethod.PUT, "/api/referrals/*")
                .hasRole(Roles.PHYSICIAN)
                // The outcomes are the referring physician's (ADR 42): the reviewer decided before
                // any.
                .requestMatchers(HttpMethod.GET, "/api/referrals/*/outcomes")
                .hasRole(Roles.PHYSICIAN)
                .requestMatchers(HttpMethod.GET, "/api/reviews", "/api/reviews/*")
                .hasRole(Roles.REVIEWER)
                .requestMatchers(
                    HttpMethod.POST,
                    "/api/reviews/*/approval",
                    "/api/reviews/*/decline",
                    "/api/reviews/*/information-request")
                .hasRole(Roles.REVIEWER)
                // The 12-week tasks: scores and clinical notes, for reviewing clinicians only.
                .requestMatchers(HttpMethod.GET, "/api/outcome-tasks", "/api/outcome-tasks/*")
                .hasRole(Roles.REVIEWER)
                .requestMatchers(HttpMethod.POST, "/api/outcome-tasks/*/resolution")
                .hasRole(Roles.REVIEWER)
                // The clinic's outcomes in aggregate: for reviewing clinicians and clinic staff,
                // never for physicians and schedulers (ADR 43); similar cases beside a review for
                // its reviewer.
                .requestMatchers(
                    HttpMethod.GET, "/api/outcomes/summary", "/api/outcomes/summary.csv")
                .hasAnyRole(Roles.REVIEWER, Roles.ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/reviews/*/similar-outcomes")
                .hasRole(Roles.REVIEWER)
                // The patient's questionnaire: the link's token in the Patient-Link header is the
                // credential, checked by the questionnaire API itself (a forged link and an unknown
                // one read alike), so no bearer token here.
                .requestMatchers(HttpMethod.GET, "/api/self-service/survey")
                .permitAll()
                .requestMatchers(HttpMethod.PUT, "/api/self-service/survey/answers")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/self-service/survey/submission")
                .permitAll());
  }
}
