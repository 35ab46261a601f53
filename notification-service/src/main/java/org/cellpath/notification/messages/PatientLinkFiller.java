package org.cellpath.notification.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinks;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.PatientLinkWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The patient's self-service link in a message about a booked pair: {@code
 * <cellpath.patient-links.base-url>/p/<token>}, a token granting {@link LinkPurpose#APPOINTMENTS}
 * on the pair until its first appointment starts (14 days at most from the sending), or for a
 * waitlist offer {@link LinkPurpose#WAITLIST_OFFER} until a day after the hold's end. Minted when
 * the message is sent, never logged.
 */
@Configuration(proxyBeanMethods = false)
class PatientLinkFiller {

  /** The service's link signer, with {@code PATIENT_LINK_KEY} (the local key in development). */
  @Bean
  PatientLinks patientLinks(Environment environment, Clock clock) {
    return PatientLinks.fromSettings(environment::getProperty, clock);
  }

  @Bean
  PatientLinkWriter patientLinkWriter(
      PatientLinks links, @Value("${cellpath.patient-links.base-url}") String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return (UUID referralId, NewNotification.LinkTo link, MessageKind kind) -> {
      // A message after the appointments (a follow-up) has no start to stop at: the link lives as
      // long as links may.
      Instant until =
          link.until() == null ? links.expiryBefore(Instant.MAX) : links.expiryBefore(link.until());
      return base
          + "/p/"
          + links.issue(
              new LinkGrant(
                  kind == MessageKind.WAITLIST_OFFER
                      ? LinkPurpose.WAITLIST_OFFER
                      : LinkPurpose.APPOINTMENTS,
                  link.pairId(),
                  referralId,
                  until));
    };
  }
}
