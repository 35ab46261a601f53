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
 * The patient's link in a message: {@code <cellpath.patient-links.base-url>/p/<token>} for a booked
 * pair (a token granting {@link LinkPurpose#APPOINTMENTS} on the pair until its first appointment
 * starts) or a waitlist offer ({@link LinkPurpose#WAITLIST_OFFER} until a day after the hold's
 * end), and {@code <base-url>/q/<token>} for a questionnaire ({@link LinkPurpose#OUTCOME_SURVEY} on
 * the survey until it closes). Never longer than links may live (14 days from the sending). Minted
 * when the message is sent, never logged.
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
      LinkPurpose purpose = purposeOf(kind);
      return base
          + pathOf(purpose)
          + links.issue(new LinkGrant(purpose, link.subjectId(), referralId, until));
    };
  }

  /** What a message's link opens, by the message's kind. */
  static LinkPurpose purposeOf(MessageKind kind) {
    return switch (kind) {
      case WAITLIST_OFFER -> LinkPurpose.WAITLIST_OFFER;
      case OUTCOME_SURVEY, OUTCOME_SURVEY_REMINDER -> LinkPurpose.OUTCOME_SURVEY;
      default -> LinkPurpose.APPOINTMENTS;
    };
  }

  /**
   * Where the console serves a purpose's pages: a questionnaire under {@code /q/}, which the
   * console hands straight to referral-service (docs/api.md, the patient's questionnaire API); a
   * pair's pages under {@code /p/}, which go to scheduling-service.
   */
  static String pathOf(LinkPurpose purpose) {
    return switch (purpose) {
      case APPOINTMENTS, WAITLIST_OFFER -> "/p/";
      case OUTCOME_SURVEY -> "/q/";
    };
  }
}
