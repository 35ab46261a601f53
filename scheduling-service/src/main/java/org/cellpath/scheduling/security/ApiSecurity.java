package org.cellpath.scheduling.security;

import org.cellpath.security.CellPathHttpSecurity;
import org.cellpath.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The scheduling API's rules. Every scheduling endpoint is the scheduler's: reference data, slots,
 * templates, manual booking, rescheduling, cancellation, attendance, cases and the waitlist. {@code
 * ADMIN} may read (to oversee the calendar and answer support questions) but changes nothing: a
 * booking is a scheduler's decision and carries the scheduler's name in the audit trail. Reviewers
 * decide eligibility but do not book, and physicians follow their referrals in referral-service:
 * both get 403 everywhere here. The patient's self-service paths take no bearer token: the link's
 * token in the {@code Patient-Link} header is their credential, checked by the self-service API
 * itself (a token is refused there, not here, so a forged link and an unknown one read alike).
 * Paths not named below are refused (deny-all).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

  /** Every read of the scheduling API. */
  static final String[] READS = {
    "/api/clinicians",
    "/api/clinicians/*",
    "/api/sites",
    "/api/sites/*",
    "/api/sites/*/rooms",
    "/api/slots",
    "/api/slots/*",
    "/api/appointment-pairs",
    "/api/appointment-pairs/*",
    "/api/scheduling-cases/*",
    "/api/waitlist"
  };

  /** Every change: all of them POSTs. */
  static final String[] CHANGES = {
    "/api/clinicians",
    "/api/sites",
    "/api/sites/*/rooms",
    "/api/slots",
    "/api/slots/template",
    "/api/slots/*/block",
    "/api/slots/*/free",
    "/api/appointment-pairs",
    "/api/appointment-pairs/*/cancellation",
    "/api/appointment-pairs/*/reschedule",
    "/api/appointments/*/completion",
    "/api/appointments/*/no-show",
    "/api/scheduling-cases/*/return"
  };

  /**
   * The reads that name patients (their name, phone and language, ADR 34): the scheduler's alone,
   * the administrator oversees without them. The two POSTs read: a name travels in a body, never a
   * URL.
   */
  static final String[] CONTACT_READS = {"/api/pairs/unconfirmed"};

  /** The clinic's waitlist setting: read and changed (PUT) by schedulers. */
  static final String WAITLIST_SETTINGS = "/api/clinic/waitlist-settings";

  static final String[] CONTACT_SEARCHES = {"/api/cases/contacts", "/api/cases/search"};

  /** The patient's own paths: their link is the credential. */
  static final String[] SELF_SERVICE_READS = {
    "/api/self-service/appointments",
    "/api/self-service/appointments/options",
    "/api/self-service/appointments/calendar",
    "/api/self-service/offer"
  };

  static final String[] SELF_SERVICE_CHANGES = {
    "/api/self-service/appointments/confirmation",
    "/api/self-service/appointments/reschedule",
    "/api/self-service/appointments/cancellation",
    "/api/self-service/offer/acceptance",
    "/api/self-service/offer/decline"
  };

  @Bean
  SecurityFilterChain schedulingApi(HttpSecurity http, CellPathHttpSecurity security)
      throws Exception {
    return security.build(
        http,
        rules ->
            rules
                .requestMatchers(HttpMethod.GET, WAITLIST_SETTINGS)
                .hasRole(Roles.SCHEDULER)
                .requestMatchers(HttpMethod.PUT, WAITLIST_SETTINGS)
                .hasRole(Roles.SCHEDULER)
                .requestMatchers(HttpMethod.GET, CONTACT_READS)
                .hasRole(Roles.SCHEDULER)
                .requestMatchers(HttpMethod.POST, CONTACT_SEARCHES)
                .hasRole(Roles.SCHEDULER)
                .requestMatchers(HttpMethod.GET, READS)
                .hasAnyRole(Roles.SCHEDULER, Roles.ADMIN)
                .requestMatchers(HttpMethod.POST, CHANGES)
                .hasRole(Roles.SCHEDULER)
                .requestMatchers(HttpMethod.GET, SELF_SERVICE_READS)
                .permitAll()
                .requestMatchers(HttpMethod.POST, SELF_SERVICE_CHANGES)
                .permitAll());
  }
}
